<?php

declare(strict_types=1);

// Router for `php -S`: answers 200 at once, then trickles the body one byte every 200 ms for about 6 s, as a stuck
// proxy or an overloaded server might (the client's timeout must cut it short).
header('Content-Type: application/json');
while (ob_get_level() > 0) {
    ob_end_flush();
}
echo '{';
flush();
for ($i = 0; $i < 30; $i++) {
    usleep(200_000);
    echo ' ';
    flush();
}
echo '}';
