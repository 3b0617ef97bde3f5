import type { LessonParticipation } from '@shared';
import { BarChart, DoughnutChart } from './charts';
import type { ReviewTranslate } from './reviewMessages';
import { duration, seconds } from './reviewFormat';

const meanOf = (values: readonly number[]): number | null => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);

/**
 * 课堂参与: who had the floor and for how long, whose hands were raised and
 * answered, who was heard, and the support (urban) school's share against
 * the receiving (rural) schools'. Charts first, the table of the same
 * figures after.
 */
export function ParticipationView({ participation: p, t }: { participation: LessonParticipation; t: ReviewTranslate }) {
  const classrooms = p.classrooms;
  // The host classroom speaks through the teacher's microphones: its figures are the teacher's, not a bar of zeros.
  const paired = classrooms.filter((c) => !c.host);
  return (
    <section className="account-panel report-section" data-testid="report-participation">
      <h2 className="account-panel__title">{t('report.participation')}</h2>
      <p className="account-muted" data-testid="report-live">
        {t('report.live', { time: duration(p.liveMs), discussion: duration(p.discussionMs) })}
      </p>
      <div className="report-charts">
        <BarChart
          title={t('report.chart.floor')}
          testId="chart-floor"
          labels={paired.map((c) => `${c.schoolName} ${c.classroomName}`)}
          series={[{ label: t('report.floor'), values: paired.map((c) => seconds(c.floorMs)) }]}
          horizontal
        />
        <BarChart
          title={t('report.chart.hands')}
          testId="chart-hands"
          counts
          labels={p.schools.map((s) => s.schoolName)}
          series={[
            { label: t('report.raised'), values: p.schools.map((s) => s.handsRaised) },
            { label: t('report.answered'), values: p.schools.map((s) => s.handsAnswered) },
          ]}
        />
        <DoughnutChart
          title={t('report.chart.talk')}
          testId="chart-talk"
          labels={[t('report.teacherTalk'), t('report.studentTalk')]}
          values={[seconds(p.teacherTalkMs), seconds(p.studentTalkMs)]}
        />
        <DoughnutChart
          title={t('report.chart.share')}
          testId="chart-share"
          labels={[t('report.support'), t('report.receiving')]}
          values={[seconds(p.share.support.floorMs), seconds(p.share.receiving.floorMs)]}
        />
      </div>
      <div className="account-table-wrap">
        <table className="account-table" data-testid="participation-table">
          <thead>
            <tr>
              <th>{t('report.school')}</th>
              <th>{t('report.classroom')}</th>
              <th>{t('report.floor')}</th>
              <th>{t('report.turns')}</th>
              <th>{t('report.hands')}</th>
              <th>{t('report.wait')}</th>
              <th>{t('report.talk')}</th>
            </tr>
          </thead>
          <tbody>
            {classrooms.map((c) => {
              const wait = meanOf(c.handWaitsMs);
              return (
                <tr key={c.participantId} data-testid="participation-row" data-classroom={c.classroomId}>
                  <td>
                    {c.schoolName} <span className="account-muted">({c.schoolKind === 'support' ? t('report.support') : t('report.receiving')})</span>
                  </td>
                  <td>
                    {c.classroomName}
                    {c.host && <span className="account-muted"> · {t('report.hostClassroom')}</span>}
                  </td>
                  <td data-testid="participation-floor">{duration(c.floorMs)}</td>
                  <td data-testid="participation-turns">{c.turns}</td>
                  <td>
                    {c.handsRaised} / {c.handsAnswered}
                  </td>
                  <td>{wait === null ? t('report.none') : duration(wait)}</td>
                  <td>{duration(c.talkMs)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
