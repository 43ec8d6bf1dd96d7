// Broadcast: SUBSCRIBERS VUs join room "bench" (?role=sub) of deploy/bench-apps/broadcast.php and one publisher VU
// sends RATE messages/s for DURATION, each stamped with its send time. Subscribers record delivery latency; the
// publisher counts its acks. Lost deliveries = publishes × subscribers − deliveries (k6 prints both counters).
//
//   DISPATCH_URL=ws://127.0.0.1:8080/ws SUBSCRIBERS=1000 RATE=200 DURATION=20s k6 run deploy/k6/broadcast.js
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { DISPATCH_URL, envFloat, envInt, envString, padded, withQuery } from './lib.js';

const SUBSCRIBERS = envInt('SUBSCRIBERS', 1000);
const RATE = envFloat('RATE', 200);
const DURATION_S = envInt('DURATION_S', 20);
const MESSAGE_SIZE = envInt('MESSAGE_SIZE', 64);
// Subscribers connect during the publisher's head start and stay for the drain after it.
const HEAD_START_S = envInt('HEAD_START_S', 10);
const DRAIN_S = envInt('DRAIN_S', 5);

const delivery = new Trend('broadcast_delivery', true);
const deliveries = new Counter('broadcast_deliveries');
const publishes = new Counter('broadcast_publishes');
const acks = new Counter('broadcast_acks');

export const options = {
  scenarios: {
    subscribers: {
      executor: 'per-vu-iterations', exec: 'subscriber', vus: SUBSCRIBERS, iterations: 1,
      maxDuration: `${HEAD_START_S + DURATION_S + DRAIN_S + 30}s`,
    },
    publisher: {
      executor: 'per-vu-iterations', exec: 'publisher', vus: 1, iterations: 1, startTime: `${HEAD_START_S}s`,
      maxDuration: `${DURATION_S + DRAIN_S + 30}s`,
    },
  },
  thresholds: {
    broadcast_delivery: [`p(99)<${envInt('P99_MS', 100)}`],
    checks: ['rate>0.99'],
  },
};

export function subscriber() {
  const response = ws.connect(withQuery(DISPATCH_URL, 'role=sub'), {}, (socket) => {
    socket.on('message', (data) => {
      // "m <sequence> <epoch ms> ....": publisher and subscribers share this machine's clock.
      if (data.startsWith('m ')) {
        const sentAt = parseInt(data.split(' ')[2], 10);
        delivery.add(Date.now() - sentAt);
        deliveries.add(1);
      }
    });
    socket.on('error', () => socket.close());
    socket.setTimeout(() => socket.close(), (HEAD_START_S + DURATION_S + DRAIN_S) * 1000);
  });
  check(response, { 'subscriber upgraded (101)': (r) => r && r.status === 101 });
}

export function publisher() {
  const total = Math.round(RATE * DURATION_S);
  const response = ws.connect(withQuery(DISPATCH_URL, 'role=pub'), {}, (socket) => {
    let sequence = 0;
    socket.on('open', () => {
      const started = Date.now();
      // Open loop with catch-up: at each 1 ms tick, send what is due by now. Bounded by `total`.
      socket.setInterval(() => {
        const due = Math.min(total, Math.floor(((Date.now() - started) / 1000) * RATE) + 1);
        while (sequence < due) {
          socket.send(padded(`m ${sequence} ${Date.now()} `, MESSAGE_SIZE));
          publishes.add(1);
          sequence += 1;
        }
      }, 1);
    });
    socket.on('message', () => acks.add(1));
    socket.on('error', () => socket.close());
    socket.setTimeout(() => socket.close(), (DURATION_S + DRAIN_S) * 1000);
  });
  check(response, { 'publisher upgraded (101)': (r) => r && r.status === 101 });
}
