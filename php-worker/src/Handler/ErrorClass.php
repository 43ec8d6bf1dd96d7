<?php

declare(strict_types=1);

namespace Dispatch\Worker\Handler;

use Dispatch\Worker\Exception\ContractException;

/**
 * The two error classes of CONTRACT 4.2. A contract error means the app (or
 * the event) broke the API: wrong types, bad arguments, programming errors.
 * Anything else is a runtime failure of the handler.
 */
final class ErrorClass
{
    public const CONTRACT = 'app_contract_error';
    public const RUNTIME = 'worker_runtime_error';

    public static function of(\Throwable $e): string
    {
        return $e instanceof \TypeError || $e instanceof \LogicException || $e instanceof ContractException
            ? self::CONTRACT
            : self::RUNTIME;
    }

    /** The message sent to Dispatch: class and text, never a trace (it may reach logs Dispatch exposes). */
    public static function message(\Throwable $e): string
    {
        return $e::class . ': ' . $e->getMessage();
    }
}
