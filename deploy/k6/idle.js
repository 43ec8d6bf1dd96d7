// Idle: VUS websockets to deploy/bench-apps/echo.php opened over RAMP and held, silent, for HOLD. Read the server's
// memory meanwhile (for Dispatch, the dotnet process plus its PHP workers), e.g.:
//   grep VmRSS /proc/$(pgrep -f Dispatch.Service.dll)/status
//
//   DISPATCH_URL=ws://127.0.0.1:8080/ws VUS=10000 RAMP=60s HOLD=60s k6 run deploy/k6/idle.js
// Beyond about 28,000 connections one loopback source address runs out of ephemeral ports: k6 cannot spread over
// several source addresses, so use Dispatch.Bench `idle` (which does) or several k6 processes with --local-ips.
import ws from 'k6/ws';
import { check } from 'k6';
import { Counter } from 'k6/metrics';
import { DISPATCH_URL, envInt, envString } from './lib.js';

const VUS = envInt('VUS', 10000);
const RAMP = envString('RAMP', '60s');
const HOLD = envString('HOLD', '60s');
const HOLD_MS = parseInt(HOLD, 10) * 1000;
const dropped = new Counter('idle_dropped');

export const options = {
  scenarios: {
    idle: {
      executor: 'ramping-vus', startVUs: 0, gracefulRampDown: '10s', gracefulStop: '10s',
      stages: [{ duration: RAMP, target: VUS }, { duration: HOLD, target: VUS }],
    },
  },
  thresholds: {
    idle_dropped: ['count==0'],
    checks: ['rate>0.999'],
  },
};

export default function () {
  let closedByUs = false;
  const response = ws.connect(DISPATCH_URL, {}, (socket) => {
    // k6 answers the server's pings itself; nothing is sent.
    socket.on('close', () => {
      if (!closedByUs) {
        dropped.add(1);
      }
    });
    socket.setTimeout(() => {
      closedByUs = true;
      socket.close(1000);
    }, HOLD_MS + 60000);
  });
  check(response, { 'upgraded (101)': (r) => r && r.status === 101 });
}
