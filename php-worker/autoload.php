<?php

declare(strict_types=1);

// Standalone PSR-4 autoloader: Packagist is not reachable where Dispatch runs,
// so the worker must boot without Composer. Composer users get the same
// mapping from composer.json; this file is then simply not needed.
// Dispatch\Client\ (the server API client) lives in src/Client/.
spl_autoload_register(static function (string $class): void {
    foreach (['Dispatch\\Client\\' => '/src/Client/', 'Dispatch\\Worker\\' => '/src/'] as $prefix => $dir) {
        if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
            continue;
        }
        $file = __DIR__ . $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
        if (is_file($file)) {
            require $file;
        }

        return;
    }
});

// The vhttpd-era class names must exist before any handler file is loaded:
// PHP never autoloads a class named only in a parameter type, so a lazily
// created alias would make `Connection $conn` type hints fail.
require __DIR__ . '/src/Compat/register.php';
