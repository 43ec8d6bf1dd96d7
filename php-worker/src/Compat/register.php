<?php

declare(strict_types=1);

// Eager class aliases for handler files written for vhttpd / the plans
// (CONTRACT 6). Loaded by autoload.php and by Composer's "files" autoload.
\Dispatch\Worker\Compat\Aliases::register();
