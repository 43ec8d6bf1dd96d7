<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Support;

/**
 * `bin/dispatch-worker` as a real child process, for end-to-end tests.
 * Waiting is always polling with a deadline, never a fixed sleep.
 */
final class WorkerProcess
{
    private const DEADLINE_SECONDS = 10.0;

    /** @var resource */
    private $process;
    /** @var array<int, resource> */
    private array $pipes;
    private ?int $exitCode = null;
    private string $stdout = '';
    private string $stderr = '';

    /**
     * @param list<string> $args
     * @param array<string, string> $env added to the current environment
     * @param list<string> $phpArgs options for the php binary itself (-d ...)
     */
    public function __construct(array $args, array $env = [], array $phpArgs = [])
    {
        $command = array_merge([PHP_BINARY], $phpArgs, [dirname(__DIR__, 2) . '/bin/dispatch-worker'], $args);
        $process = proc_open($command, [0 => ['pipe', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes, null, $env + getenv());
        if (!is_resource($process)) {
            throw new \RuntimeException('cannot start dispatch-worker');
        }
        $this->process = $process;
        $this->pipes = $pipes;
        fclose($this->pipes[0]);
        stream_set_blocking($this->pipes[1], false);
        stream_set_blocking($this->pipes[2], false);
    }

    public function pid(): int
    {
        return (int) proc_get_status($this->process)['pid'];
    }

    public static function tempDir(): string
    {
        $dir = sys_get_temp_dir() . '/dispatch-worker-test-' . bin2hex(random_bytes(6));
        mkdir($dir, 0700, true);

        return $dir;
    }

    /**
     * Connects, retrying while the socket is absent or refuses: a stale file
     * from an earlier worker may exist before the new one listens, so the
     * file alone is no readiness signal (Dispatch must retry the same way).
     *
     * @return resource
     */
    public function connect(string $socket)
    {
        $deadline = microtime(true) + self::DEADLINE_SECONDS;
        while (true) {
            $client = @stream_socket_client('unix://' . $socket, $errno, $errstr, self::DEADLINE_SECONDS);
            if ($client !== false) {
                stream_set_timeout($client, (int) self::DEADLINE_SECONDS);

                return $client;
            }
            $this->drain();
            if (!$this->isRunning()) {
                throw new \RuntimeException('worker exited before listening: ' . $this->stderr);
            }
            if (microtime(true) > $deadline) {
                throw new \RuntimeException("could not connect ($errstr): " . $this->stderr);
            }
            usleep(10_000);
        }
    }

    public function waitForExit(): int
    {
        $deadline = microtime(true) + self::DEADLINE_SECONDS;
        while ($this->isRunning()) {
            $this->drain();
            if (microtime(true) > $deadline) {
                proc_terminate($this->process, 9);
                throw new \RuntimeException('worker did not exit in time: ' . $this->stderr);
            }
            usleep(10_000);
        }
        $this->drain();

        return (int) $this->exitCode;
    }

    public function stdout(): string
    {
        return $this->stdout;
    }

    public function stderr(): string
    {
        return $this->stderr;
    }

    public function __destruct()
    {
        if ($this->isRunning()) {
            proc_terminate($this->process, 9);
        }
        foreach ([1, 2] as $i) {
            if (is_resource($this->pipes[$i])) {
                fclose($this->pipes[$i]);
            }
        }
        proc_close($this->process);
    }

    private function isRunning(): bool
    {
        if ($this->exitCode !== null) {
            return false;
        }
        $status = proc_get_status($this->process);
        if ($status['running']) {
            return true;
        }
        // proc_get_status reports the real exit code only once.
        $this->exitCode = $status['exitcode'];

        return false;
    }

    private function drain(): void
    {
        $this->stdout .= (string) stream_get_contents($this->pipes[1]);
        $this->stderr .= (string) stream_get_contents($this->pipes[2]);
    }
}
