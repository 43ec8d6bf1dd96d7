<?php

declare(strict_types=1);

// Standalone PSR-4 autoloader: Packagist is not reachable where Dispatch runs,
// so the worker must boot without Composer. Composer users get the same
// mapping from composer.json; this file is then simply not needed.
spl_autoload_register(static function (string $class): void {
    $prefix = 'Dispatch\\Worker\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }
    $file = __DIR__ . '/src/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_file($file)) {
        require $file;
    }
});

// The vhttpd-era class names must exist before any handler file is loaded:
// PHP never autoloads a class named only in a parameter type, so a lazily
// created alias would make `Connection $conn` type hints fail.
require __DIR__ . '/src/Compat/register.php';
