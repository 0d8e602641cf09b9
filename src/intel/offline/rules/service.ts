/**
 * Offline rules for the service tool (systemd): status, start, stop, restart.
 */
import { capture, has, restore, type Utterance } from '../parse.ts';
import type { Rule } from '../rule.ts';

function serviceName(u: Utterance): string | undefined {
  const n =
    u.quoted[0] ??
    capture(
      u,
      /\b(?:start|stop|restart|reload|status of|enable|disable)\s+(?:the\s+)?([\w@.:-]+)(?:\s+(?:service|daemon|server))?/,
    ) ??
    capture(u, /\b(?:is|are)\s+(?:the\s+)?([\w@.:-]+)\s+service\b/) ??
    capture(u, /\b([\w@.:-]+)\s+(?:service|daemon)\b/);
  return n && !['the', 'a', 'service', 'services'].includes(n) ? restore(u, n) : undefined;
}

function serviceRule(action: 'status' | 'start' | 'stop' | 'restart'): Rule {
  const cue =
    action === 'status'
      ? /\b(?:status of|is the [\w@.:-]+ service|service status|[\w@.:-]+ service (?:status|running))\b|\bsystemctl status\b/
      : new RegExp(`\\b(?:systemctl\\s+)?${action}\\b`);
  return {
    id: `service.${action}`,
    examples:
      action === 'status'
        ? ['status of the nginx service', 'is the ssh service running']
        : [`${action} nginx`, `${action} the cron service`],
    score(u, c) {
      if (!has(u, cue) || has(u, /\b(?:process|pid|branch|git|container)\b/)) return 0;
      if (action === 'start' && has(u, /\brestart\b/)) return 0;
      if (action === 'status') return has(u, /\b(?:service|daemon|systemctl)\b/) ? 9 : 0;
      if (!serviceName(u)) return 0;
      if (has(u, /\b(?:service|daemon|systemctl)\b/)) return 9;
      return action === 'stop' && !c.hasSystemd() ? 6 : 8;
    },
    build(u) {
      const name = serviceName(u);
      if (!name) return { clarify: `Which service? For example: ${action} nginx` };
      return {
        goal: `${action} ${name}`,
        drafts: [{ tool: 'service', action, args: { name }, why: `${action} the service` }],
      };
    },
  };
}

export const serviceRules: Rule[] = [
  serviceRule('restart'),
  serviceRule('start'),
  serviceRule('stop'),
  serviceRule('status'),
];
