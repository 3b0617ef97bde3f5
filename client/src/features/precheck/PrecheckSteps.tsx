import { useCallback } from 'react';
import { useT, type Translate } from '../i18n/useT';
import { precheck } from './precheckService';
import { usePrecheckStore, type PrecheckState, type Step } from './precheckStore';

type StepName = 'camera' | 'microphone' | 'udp' | 'tcp' | 'turn' | 'bandwidth';

/** The automatic steps, each with its finding in words; the camera's picture and the microphone's level beside them. */
export function PrecheckSteps() {
  const t = useT();
  const state = usePrecheckStore();
  return (
    <ul className="precheck-steps">
      <StepRow name="camera" step={state.camera} text={(r) => t(`precheck.camera.${r}`)} ok={(r) => r === 'ok'}>
        {state.camera.state === 'done' && state.camera.result === 'ok' && <CameraPreview />}
      </StepRow>
      <StepRow name="microphone" step={state.microphone} text={(r) => t(`precheck.microphone.${r}`)} ok={(r) => r === 'ok'}>
        <div className="precheck-meter" data-testid="microphone-meter" aria-hidden>
          <div className="precheck-meter__bar" style={{ width: `${Math.round(state.microphoneLevel * 100)}%` }} />
        </div>
      </StepRow>
      <StepRow name="udp" step={state.udp} text={(r) => t(`precheck.path.${r}`)} ok={(r) => r === 'ok'} />
      <StepRow name="tcp" step={state.tcp} text={(r) => t(`precheck.path.${r}`)} ok={(r) => r === 'ok'} />
      <StepRow
        name="turn"
        step={state.turn}
        text={(r) => t(`precheck.turn.${r.result}`, { relays: r.relays.map((way) => way.toUpperCase()).join(' / ') })}
        ok={(r) => r.result === 'ok'}
        finding={(r) => r.result}
      />
      <StepRow name="bandwidth" step={state.bandwidth} text={(r) => bandwidthText(t, r)} ok={(r) => r.uplinkKbps !== null && r.uplinkKbps >= 600}>
        {state.bandwidth.state === 'done' && (
          <span className="precheck-step__value" data-testid="uplink-kbps" data-value={state.bandwidth.result.uplinkKbps ?? ''} />
        )}
      </StepRow>
    </ul>
  );
}

function bandwidthText(t: Translate, result: PrecheckState['bandwidth'] extends Step<infer R> ? R : never): string {
  if (result.uplinkKbps === null) return t('precheck.bandwidth.unknown');
  const main = t('precheck.bandwidth.value', { kbps: result.uplinkKbps, rtt: result.rttMs ?? '—' });
  return result.sfuReceivedKbps === null ? main : `${main}（${t('precheck.sfuReceived', { kbps: result.sfuReceivedKbps })}）`;
}

/** One step's row; `finding` names a structured result for tests and styles (a plain string result names itself). */
function StepRow<T>({ name, step, text, ok, finding, children }: { name: StepName; step: Step<T>; text(result: T): string; ok(result: T): boolean; finding?(result: T): string; children?: React.ReactNode }) {
  const t = useT();
  const done = step.state === 'done';
  const good = done && ok(step.result);
  return (
    <li
      className={`precheck-step precheck-step--${done ? (good ? 'ok' : 'problem') : step.state}`}
      data-testid={`precheck-step-${name}`}
      data-state={step.state}
      data-result={done ? (finding?.(step.result) ?? (typeof step.result === 'string' ? step.result : good ? 'ok' : 'low')) : ''}
    >
      <span className="precheck-step__name">{t(`precheck.step.${name}`)}</span>
      <span className="precheck-step__result">{done ? text(step.result) : t(`precheck.state.${step.state}`)}</span>
      {children}
    </li>
  );
}

function CameraPreview() {
  const attach = useCallback((element: HTMLVideoElement | null) => {
    if (!element) return;
    const track = precheck.cameraPreview();
    element.srcObject = track ? new MediaStream([track]) : null;
  }, []);
  return <video className="precheck-step__preview" ref={attach} autoPlay muted playsInline data-testid="precheck-camera-preview" />;
}
