// Echo, closed loop: every VU holds one websocket to deploy/bench-apps/echo.php and sends a message, waits for the
// echo, and sends the next, for DURATION. Reports round trips and their latency.
//
//   DISPATCH_URL=ws://127.0.0.1:8080/ws VUS=50 DURATION=20s MESSAGE_SIZE=64 k6 run deploy/k6/echo.js
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter, Trend } from 'k6/metrics';
import { DISPATCH_URL, envInt, envString, padded } from './lib.js';

const VUS = envInt('VUS', 50);
const DURATION = envString('DURATION', '20s');
const MESSAGE_SIZE = envInt('MESSAGE_SIZE', 64);
// Hard bound per VU, whatever the duration.
const MAX_MESSAGES = envInt('MAX_MESSAGES', 10000000);
const durationMs = parseDuration(DURATION);

const roundTrip = new Trend('echo_round_trip', true);
const roundTrips = new Counter('echo_round_trips');
const wrongReplies = new Counter('echo_wrong_replies');

export const options = {
  scenarios: {
    echo: { executor: 'constant-vus', vus: VUS, duration: DURATION, gracefulStop: '5s' },
  },
  thresholds: {
    // The targets are relative to a raw Kestrel baseline; these absolute ones catch regressions.
    echo_round_trip: [`p(99)<${envInt('P99_MS', 50)}`],
    echo_wrong_replies: ['count==0'],
    checks: ['rate>0.99'],
  },
};

export default function () {
  const message = padded('e', MESSAGE_SIZE);
  const response = ws.connect(DISPATCH_URL, {}, (socket) => {
    let sentAt = 0;
    let sent = 0;
    const send = () => {
      sentAt = Date.now();
      sent += 1;
      socket.send(message);
    };
    socket.on('open', send);
    socket.on('message', (data) => {
      roundTrip.add(Date.now() - sentAt);
      roundTrips.add(1);
      if (data !== message) {
        wrongReplies.add(1);
      }
      if (sent < MAX_MESSAGES) {
        send();
      } else {
        socket.close();
      }
    });
    socket.on('error', () => socket.close());
    socket.setTimeout(() => socket.close(), durationMs);
  });
  check(response, { 'upgraded (101)': (r) => r && r.status === 101 });
}

function parseDuration(text) {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!match) {
    return 20000;
  }
  const unit = { ms: 1, s: 1000, m: 60000, h: 3600000 }[match[2]];
  return Math.round(parseFloat(match[1]) * unit);
}
