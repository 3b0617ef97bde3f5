import { create } from 'zustand';
import type { PrecheckRecord, QualityReport, UplinkState } from '@shared';
import { onNotice } from '../lesson/notices';
import type { OwnSample } from './receiveSampler';

/** The teacher's quality panel: plain data from the server and from her own receivers. */
export interface QualityState {
  /** Latest pre-class check per classroom id. */
  prechecks: Record<string, PrecheckRecord>;
  /** Latest receive report per classroom participant id: what that classroom receives. */
  reports: Record<string, QualityReport>;
  /** What the teacher's page receives from each classroom, per sender participant id. */
  own: Record<string, OwnSample[]>;
  /** Senders whose uplink the SFU limits now (上行保护), per participant id. */
  uplinks: Record<string, UplinkState>;
}

export const useQualityStore = create<QualityState>(() => ({ prechecks: {}, reports: {}, own: {}, uplinks: {} }));

// The notices of this feature (the teacher only ever gets them).
onNotice('precheckResult', ({ record }) => useQualityStore.setState((state) => ({ prechecks: { ...state.prechecks, [record.classroomId]: record } })));
onNotice('uplinkGuard', ({ state }) =>
  useQualityStore.setState(({ uplinks }) => {
    const { [state.participantId]: _gone, ...others } = uplinks;
    return { uplinks: state.level === 'normal' ? others : { ...others, [state.participantId]: state } };
  }),
);
onNotice('qualityReport', ({ report }) => useQualityStore.setState((state) => ({ reports: { ...state.reports, [report.participantId]: report } })));

/** Replaces everything the server knows, after a (re)join. */
export function loadQualityOverview(overview: { prechecks: PrecheckRecord[]; reports: QualityReport[]; uplinks: UplinkState[] }): void {
  useQualityStore.setState({
    uplinks: Object.fromEntries(overview.uplinks.map((state) => [state.participantId, state])),
    prechecks: Object.fromEntries(overview.prechecks.map((record) => [record.classroomId, record])),
    reports: Object.fromEntries(overview.reports.map((report) => [report.participantId, report])),
  });
}

/** Groups the teacher's own samples by sender. */
export function setOwnSamples(samples: OwnSample[]): void {
  const own: Record<string, OwnSample[]> = {};
  for (const sample of samples) (own[sample.fromId] ??= []).push(sample);
  useQualityStore.setState({ own });
}
