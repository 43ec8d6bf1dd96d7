<?php

declare(strict_types=1);

namespace Dispatch\Worker\Tests\Unit;

use Dispatch\Worker\Exception\FrameException;
use Dispatch\Worker\Frame\FrameCodec;
use Dispatch\Worker\Relay\InMemoryRelay;
use Dispatch\Worker\Support\Logger;
use Dispatch\Worker\Support\OutputGuard;
use Dispatch\Worker\Tests\Support\Events;
use Dispatch\Worker\Tests\Support\WorkerRun;
use Dispatch\Worker\Worker;
use PHPUnit\Framework\TestCase;
use VPhp\VHttpd\PhpWorker\WebSocket\Connection;
use VPhp\VSlim\WebSocket\App;

final class WorkerLoopTest extends TestCase
{
    private static function echoApp(): App
    {
        return new App(onMessage: static fn (Connection $c, string $d) => $c->send($c->id() . ':' . $d));
    }

    public function testPipelinedFramesOfDifferentConnectionsAreAnsweredInOrder(): void
    {
        $events = [];
        for ($i = 0; $i < 20; $i++) {
            $events[] = Events::message("m$i", 'c' . ($i % 5));
        }

        // One byte at a time: the worker must never read past the frame it is handling.
        $out = (new WorkerRun(self::echoApp(), $events, 1))->relay->sentMessages();

        self::assertCount(20, $out);
        foreach ($out as $i => $response) {
            self::assertSame('c' . ($i % 5), $response['id']);
            self::assertSame([['event' => 'send', 'data' => 'c' . ($i % 5) . ":m$i"]], $response['commands']);
        }
    }

    public function testInvalidJsonIsAnsweredWithAnErrorAndTheLoopContinues(): void
    {
        $run = new WorkerRun(self::echoApp(), [Events::message('a', 'c1'), '{not json', '[1,2]', '"str"', Events::message('b', 'c2')]);
        $out = $run->relay->sentMessages();

        self::assertCount(5, $out);
        self::assertSame('c1', $out[0]['id']);
        foreach ([1, 2, 3] as $i) {
            self::assertSame('error', $out[$i]['event']);
            self::assertSame('', $out[$i]['id']);
            self::assertSame('app_contract_error', $out[$i]['error_class']);
            self::assertSame('websocket_dispatch', $out[$i]['mode']);
        }
        self::assertSame([['event' => 'send', 'data' => 'c2:b']], $out[4]['commands']);
        self::assertStringContainsString('invalid JSON', $run->stderrText());
    }

    public function testLenientReadMissingModeAndUnknownKeys(): void
    {
        $out = WorkerRun::messages(self::echoApp(), [['event' => 'message', 'id' => 'c1', 'data' => 'x', 'future_field' => [1]]]);

        self::assertSame([['event' => 'send', 'data' => 'c1:x']], $out[0]['commands']);
    }

    public function testUnknownModeAndMissingEventAreContractErrors(): void
    {
        $out = WorkerRun::messages(self::echoApp(), [
            ['mode' => 'http', 'event' => 'request', 'id' => 'r1'],
            ['mode' => 'websocket_dispatch', 'id' => 'c2'],
        ]);

        self::assertSame(['r1', 'c2'], array_column($out, 'id'));
        self::assertSame(['app_contract_error', 'app_contract_error'], array_column($out, 'error_class'));
    }

    public function testUnknownEventNamesGetAnEmptyAnswer(): void
    {
        $out = WorkerRun::messages(self::echoApp(), [Events::message('x', 'c1', ['event' => 'ping'])]);

        self::assertSame(['mode' => 'websocket_dispatch', 'id' => 'c1', 'accepted' => true, 'commands' => []], $out[0]);
    }

    public function testABadFrameEndsTheLoopAfterAnsweringWhatCameBefore(): void
    {
        $codec = new FrameCodec();
        $relay = new InMemoryRelay($codec->encode(Events::json(Events::message('ok'))) . "\x00\x00\x00\x00");
        $sink = fopen('php://memory', 'w+b');
        $worker = new Worker($relay, self::echoApp(), new OutputGuard($sink), new Logger($sink));

        try {
            $worker->run();
            self::fail('a zero-length frame must end the loop');
        } catch (FrameException) {
        }

        self::assertCount(1, $relay->sentMessages());
    }

    public function testResponsesUseMinimalUnescapedJson(): void
    {
        $app = new App(onMessage: static fn (Connection $c) => $c->send('é/ü'));
        $run = new WorkerRun($app, [Events::message('x', 'c/1')]);

        self::assertSame(
            '{"mode":"websocket_dispatch","id":"c/1","accepted":true,"commands":[{"event":"send","data":"é/ü"}]}',
            $run->relay->sentPayloads()[0],
        );
    }

    public function testChatExampleIsStatelessAcrossEvents(): void
    {
        $app = require dirname(__DIR__, 2) . '/examples/chat.php';
        $meta = Events::metadata(['rooms' => ['dev'], 'attrs' => ['nick' => 'ann']]);

        $out = WorkerRun::messages($app, [
            Events::open('abcdef99', ['query' => ['room' => 'dev', 'nick' => 'ann']]),
            Events::message('hello', 'abcdef99', ['metadata' => $meta]),
            Events::message('/nick bea', 'abcdef99', ['metadata' => $meta]),
            Events::message('/join ops', 'abcdef99', ['metadata' => $meta]),
            Events::close('abcdef99', 1000, 'bye', ['metadata' => $meta]),
        ]);

        $decode = static fn (array $cmd): array => $cmd + ['json' => json_decode($cmd['data'] ?? 'null', true)];
        [$open, $msg, $nick, $join, $close] = array_map(static fn (array $r): array => array_map($decode, $r['commands']), $out);

        self::assertSame(['set_metadata', 'join', 'send', 'broadcast'], array_column($open, 'event'));
        self::assertSame(['type' => 'welcome', 'id' => 'abcdef99', 'nick' => 'ann', 'room' => 'dev'], $open[2]['json']);
        self::assertSame(['type' => 'join', 'nick' => 'ann', 'room' => 'dev'], $open[3]['json']);

        self::assertSame(['type' => 'message', 'from' => 'ann', 'text' => 'hello', 'room' => 'dev'], $msg[0]['json']);
        self::assertSame('abcdef99', $msg[0]['except_id']);
        self::assertSame(['type' => 'ack'], $msg[1]['json']);

        self::assertSame(['attrs' => ['nick' => 'bea']], array_intersect_key($nick[0], ['attrs' => 1]));
        self::assertSame(['type' => 'nick', 'from' => 'ann', 'nick' => 'bea', 'room' => 'dev'], $nick[1]['json']);

        self::assertSame(['broadcast', 'replace_rooms', 'send', 'broadcast'], array_column($join, 'event'));
        self::assertSame(['type' => 'leave', 'nick' => 'ann', 'room' => 'dev'], $join[0]['json']);
        self::assertSame(['ops'], $join[1]['rooms']);

        self::assertSame([['event' => 'broadcast', 'room' => 'dev', 'except_id' => 'abcdef99']], array_map(
            static fn (array $c): array => array_intersect_key($c, ['event' => 1, 'room' => 1, 'except_id' => 1]),
            $close,
        ));
        self::assertSame(['type' => 'leave', 'nick' => 'ann', 'room' => 'dev'], $close[0]['json']);
    }
}
