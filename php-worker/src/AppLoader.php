<?php

declare(strict_types=1);

namespace Dispatch\Worker;

use Dispatch\Worker\Exception\AppLoadException;
use Dispatch\Worker\Handler\HandlerResolver;
use Dispatch\Worker\Support\OutputGuard;

/**
 * Loads the app file once per worker process. Every failure becomes one
 * AppLoadException whose message names the file and PHP's own error, so the
 * line Dispatch logs is enough to fix the app.
 */
final class AppLoader
{
    /**
     * @return mixed the value the file returned, known to resolve to a handler
     * @throws AppLoadException
     */
    public static function load(string $file, ?OutputGuard $guard = null): mixed
    {
        if ($file === '') {
            throw new AppLoadException('no app file given (use --app FILE or DISPATCH_APP)');
        }
        if (!is_file($file) || !is_readable($file)) {
            throw new AppLoadException(sprintf('app file %s: not found or not readable', $file));
        }
        $guard ??= new OutputGuard();
        try {
            // A static closure keeps the file's variables out of this class's scope.
            $app = $guard->capture(static fn (): mixed => require $file, 'app output');
        } catch (\Throwable $e) {
            throw new AppLoadException(sprintf(
                'app file %s failed to load: %s: %s (%s:%d)',
                $file,
                $e::class,
                $e->getMessage(),
                $e->getFile(),
                $e->getLine(),
            ), 0, $e);
        }
        if (HandlerResolver::resolve($app) === null) {
            throw new AppLoadException(sprintf(
                'app file %s did not return a websocket handler (an App, a callable, an array with a "websocket" key or an object with handleWebSocket), got %s',
                $file,
                HandlerResolver::describe($app),
            ));
        }

        return $app;
    }
}
