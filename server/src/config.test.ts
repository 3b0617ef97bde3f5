import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('runs on one machine with no variables set', () => {
    const config = loadConfig({});
    expect(config.httpPort).toBe(3000);
    expect(config.rtc.firstPort).toBe(40000);
    expect(config.workers).toBeGreaterThanOrEqual(1);
    expect(config.redisUrl).toBeNull();
  });

  it('keeps recordings under DATA_DIR with a budget and a free-space threshold unless told otherwise', () => {
    const config = loadConfig({ DATA_DIR: '/srv/tongtang' });
    expect(config.recording).toEqual({ dir: '/srv/tongtang/recordings', budgetBytes: 1800 * 1024 ** 3, minFreeBytes: 2048 * 1024 ** 2, jobThreads: 1 });
    expect(loadConfig({ RECORDING_DIR: '/mnt/rec', RECORDING_BUDGET_GB: '0.5', RECORDING_MIN_FREE_MB: '100', RECORDING_JOB_THREADS: '2' }).recording).toEqual({ dir: '/mnt/rec', budgetBytes: 0.5 * 1024 ** 3, minFreeBytes: 100 * 1024 ** 2, jobThreads: 2 });
    expect(() => loadConfig({ RECORDING_BUDGET_GB: '-1' })).toThrow(/RECORDING_BUDGET_GB/);
  });

  it('retries webhooks with a backoff and a timeout, and takes fixed host answers only as host=address pairs', () => {
    expect(loadConfig({}).webhooks).toMatchObject({ backoffMs: 30_000, timeoutMs: 10_000, maxAttempts: 8 });
    const fixed = loadConfig({ WEBHOOK_RESOLVE: 'Portal.test=10.0.0.5, portal.test=fd00::5,other.test=8.8.8.8' }).webhooks.resolve;
    expect([...fixed]).toEqual([['portal.test', ['10.0.0.5', 'fd00::5']], ['other.test', ['8.8.8.8']]]);
    expect(() => loadConfig({ WEBHOOK_RESOLVE: 'portal.test' })).toThrow(/WEBHOOK_RESOLVE/);
    expect(() => loadConfig({ WEBHOOK_BACKOFF_MS: '0' })).toThrow(/WEBHOOK_BACKOFF_MS/);
  });

  it('serves /metrics to this machine only unless told otherwise, and scrubs its token from the log', () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: true, allow: ['127.0.0.1/8', '::1'], token: null });
    const token = 'a-metrics-token-of-32-characters-at-least';
    const config = loadConfig({ METRICS_ALLOW: '10.0.0.5, fd00::/8', METRICS_TOKEN: token });
    expect(config.metrics).toEqual({ enabled: true, allow: ['10.0.0.5', 'fd00::/8'], token });
    expect(config.secrets).toContain(token);
    expect(loadConfig({ METRICS: 'off' }).metrics.enabled).toBe(false);
    expect(() => loadConfig({ METRICS_ALLOW: 'prometheus.lan' })).toThrow(/METRICS_ALLOW/);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('names the server after its host and port unless SERVER_ID says otherwise, and refuses an unsafe name', () => {
    expect(loadConfig({ PORT: '3100' }).serverId).toMatch(/:3100$/);
    expect(loadConfig({ SERVER_ID: 'edu-b.2' }).serverId).toBe('edu-b.2');
    expect(() => loadConfig({ SERVER_ID: 'a b*' })).toThrow(/SERVER_ID/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ REDIS_URL: '', PORT: '' }).redisUrl).toBeNull();
  });

  it('announces the listen address when it is a specific one', () => {
    expect(loadConfig({ RTC_LISTEN_IP: '127.0.0.1' }).rtc.announcedIp).toBe('127.0.0.1');
  });

  it('serves HTTPS unless it listens on loopback only, and prints https links then', () => {
    expect(loadConfig({}).tls.active).toBe(true);
    expect(loadConfig({ RTC_ANNOUNCED_IP: '10.0.0.5' }).publicUrl).toBe('https://10.0.0.5:3000');
    expect(loadConfig({ HOST: '127.0.0.1' }).tls.active).toBe(false);
    expect(loadConfig({ HOST: '127.0.0.1' }).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '127.0.0.1', TLS: 'on' }).publicUrl).toBe('https://127.0.0.1:3000');
    expect(loadConfig({ TLS: 'off', RTC_ANNOUNCED_IP: '10.0.0.5' }).publicUrl).toBe('http://10.0.0.5:3000');
    expect(() => loadConfig({ TLS_CERT: '/etc/ssl/school.pem' })).toThrow(/TLS_CERT/);
  });

  it('keeps SQLite in DATA_DIR unless DATABASE_URL names a PostgreSQL database', () => {
    expect(loadConfig({}).databaseUrl).toBeNull();
    expect(loadConfig({ DATABASE_URL: 'postgres://tongtang:secret@db.lan:5432/tongtang' }).databaseUrl).toBe('postgres://tongtang:secret@db.lan:5432/tongtang');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db.lan/tongtang' }).databaseUrl).toBe('postgresql://db.lan/tongtang');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db.lan/tongtang' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db.lan' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'db.lan:5432' })).toThrow(/DATABASE_URL/);
  });

  it('names every bad variable in one error', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', WORKERS: '0' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', REDIS_URL: 'http://x', WORKERS: '0' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'REDIS_URL', 'WORKERS']) expect(message).toContain(name);
      expect(message).not.toContain('\n');
    }
  });
});
