import { describe, expect, it } from 'vitest';
import { broadcastActions, broadcastActionsFor, broadcastStates, nextBroadcastState, type BroadcastAction, type BroadcastActor, type BroadcastState } from './broadcasts.js';

/** The workflow as the issue tells it, written out by hand: state → action → [next state, who may]. */
const expected: Partial<Record<BroadcastState, Partial<Record<BroadcastAction, [BroadcastState, BroadcastActor[]]>>>> = {
  applied: { approve: ['approved', ['bureau']], reject: ['rejected', ['bureau']], withdraw: ['withdrawn', ['applicant']] },
  approved: { schedule: ['scheduled', ['bureau']], cancel: ['cancelled', ['bureau']] },
  scheduled: { openRehearsal: ['rehearsal', ['applicant', 'bureau']], cancel: ['cancelled', ['bureau']] },
  rehearsal: { goLive: ['live', ['applicant', 'bureau']], cancel: ['cancelled', ['bureau']] },
  live: { end: ['ended', ['applicant', 'bureau']] },
};

describe('the broadcast state machine', () => {
  const actors: BroadcastActor[] = ['applicant', 'bureau'];
  for (const state of broadcastStates) {
    for (const action of broadcastActions) {
      for (const actor of actors) {
        const line = expected[state]?.[action];
        const allowed = line !== undefined && line[1].includes(actor);
        it(`${state} × ${action} by ${actor}: ${allowed ? `→ ${line![0]}` : 'refused'}`, () => {
          const result = nextBroadcastState(state, action, actor);
          if (allowed) {
            expect(result).toEqual({ ok: true, state: line![0] });
            return;
          }
          expect(result.ok).toBe(false);
          if (result.ok) return;
          // A wrong actor is told who may; a right actor in a wrong state is told the state.
          const wrongActor = !nextBroadcastState(broadcastAllowedFrom(action), action, actor).ok;
          expect(result.refusal.kind).toBe(wrongActor ? 'forbidden' : 'state');
          expect(result.refusal.zh).toMatch(/[\u4e00-\u9fff]/);
          expect(result.refusal.en).toMatch(/^(Only|A broadcast that is)/);
        });
      }
    }
  }

  it('says in plain words why an approved broadcast cannot be withdrawn', () => {
    const result = nextBroadcastState('approved', 'withdraw', 'applicant');
    expect(result).toMatchObject({ ok: false, refusal: { kind: 'state', zh: '已批准的直播不能再撤回：只有待审核的直播可以撤回。' } });
  });

  it('tells a teacher who tries to approve that only the bureau may', () => {
    expect(nextBroadcastState('applied', 'approve', 'applicant')).toMatchObject({ ok: false, refusal: { kind: 'forbidden', zh: '只有教育局管理员可以批准直播申请。' } });
  });

  it('offers each actor just the buttons of the table', () => {
    expect(broadcastActionsFor('applied', 'applicant')).toEqual(['withdraw']);
    expect(broadcastActionsFor('applied', 'bureau')).toEqual(['approve', 'reject']);
    expect(broadcastActionsFor('rehearsal', 'applicant')).toEqual(['goLive']);
    expect(broadcastActionsFor('ended', 'bureau')).toEqual([]);
  });
});

/** A state from which the action is possible for someone (to tell "wrong actor" from "wrong state"). */
function broadcastAllowedFrom(action: BroadcastAction): BroadcastState {
  return broadcastStates.find((s) => nextBroadcastState(s, action, 'bureau').ok || nextBroadcastState(s, action, 'applicant').ok)!;
}
