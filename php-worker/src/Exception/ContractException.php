<?php

declare(strict_types=1);

namespace Dispatch\Worker\Exception;

/**
 * An event from Dispatch is not of the shape CONTRACT 4.1/5 describes (bad JSON, bad base64, unknown mode); answered with an app_contract_error response, the loop continues.
 */
final class ContractException extends DispatchException
{
}
