// Connect storm: VUS loops each open a websocket to deploy/bench-apps/echo.php (Dispatch dispatches the open event
// to PHP), close it, and start over, for DURATION. Reports connects/s (ws_sessions rate) and connect latency.
//
//   DISPATCH_URL=ws://127.0.0.1:8080/ws VUS=50 DURATION=20s k6 run deploy/k6/connect.js
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { DISPATCH_URL, envInt, envString } from './lib.js';

const failures = new Counter('connect_failures');

export const options = {
  scenarios: {
    storm: { executor: 'constant-vus', vus: envInt('VUS', 50), duration: envString('DURATION', '20s'), gracefulStop: '5s' },
  },
  thresholds: {
    ws_connecting: [`p(99)<${envInt('P99_MS', 200)}`],
    connect_failures: ['count==0'],
    checks: ['rate>0.999'],
  },
};

export default function () {
  const response = ws.connect(DISPATCH_URL, {}, (socket) => {
    socket.on('open', () => socket.close(1000));
    socket.on('error', () => {
      failures.add(1);
      socket.close();
    });
    socket.setTimeout(() => socket.close(), envInt('TIMEOUT_MS', 10000));
  });
  if (!check(response, { 'upgraded (101)': (r) => r && r.status === 101 })) {
    failures.add(1);
  }
}
