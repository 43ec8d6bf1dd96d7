<?php

declare(strict_types=1);

namespace Dispatch\Worker\Exception;

/**
 * The app file is missing, does not compile, throws while loading, or returns no usable websocket handler.
 */
final class AppLoadException extends DispatchException
{
}
