<?php

declare(strict_types=1);

namespace Dispatch\Worker\Support;

/**
 * The one place JSON flags are chosen. Writes substitute invalid UTF-8
 * (a handler echoing raw bytes as text must not kill the worker) and keep
 * slashes and non-ASCII readable.
 */
final class Json
{
    public const ENCODE_FLAGS = JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        | JSON_INVALID_UTF8_SUBSTITUTE | JSON_PRESERVE_ZERO_FRACTION;

    /**
     * @throws \JsonException
     */
    public static function encode(mixed $value): string
    {
        return json_encode($value, self::ENCODE_FLAGS);
    }

    /**
     * @throws \JsonException
     */
    public static function decode(string $json): mixed
    {
        return json_decode($json, true, 512, JSON_THROW_ON_ERROR | JSON_BIGINT_AS_STRING);
    }
}
