// The AI markers of docs/ingest-format.md: one positive case per table row, and the
// bare words, people's names and unrelated addresses that must never count as AI.
import { describe, expect, it } from 'vitest';
import {
  AI_MARKERS,
  detectCommitAi,
  detectLabels,
  detectLogin,
  withCustomMarkers,
  type CommitIdentity,
} from '../../ingest/ai-markers.ts';
import type { AiTag } from '../../ingest/model.ts';

const makeCommit = (fields: Partial<CommitIdentity> = {}): CommitIdentity => ({
  authorName: 'Ada Lovelace',
  authorEmail: 'ada@example.com',
  committerName: 'Ada Lovelace',
  committerEmail: 'ada@example.com',
  message: 'Fix rounding of order totals',
  ...fields,
});

/** A human's commit whose message ends with the given trailer block. */
const withTrailers = (...lines: string[]) => makeCommit({ message: `Fix rounding of order totals\n\nDetails.\n\n${lines.join('\n')}` });

const trailer = (tool: string): AiTag => ({ assisted: true, tool, mode: 'authored', evidence: 'trailer' });
const botAuthor = (tool: string, mode: AiTag['mode']): AiTag => ({ assisted: true, tool, mode, evidence: 'bot_author' });

describe('detectCommitAi: the doc table, row by row', () => {
  it('claude-code: co-author noreply@anthropic.com under any display name', () => {
    for (const name of ['Claude', 'Claude Opus 4.6', 'Claude Sonnet 4.5', 'Claude Opus 4.1', 'Claude Haiku 4.5', 'Anyone At All']) {
      expect(detectCommitAi(withTrailers(`Co-Authored-By: ${name} <noreply@anthropic.com>`)), name).toEqual(trailer('claude-code'));
    }
  });

  it('claude-code: both footers, with or without the robot emoji, and the Claude-Session trailer', () => {
    expect(detectCommitAi(withTrailers('Generated with [Claude Code](https://claude.ai/code)'))).toEqual(trailer('claude-code'));
    expect(detectCommitAi(withTrailers('🤖 Generated with [Claude Code](https://claude.com/claude-code)'))).toEqual(trailer('claude-code'));
    expect(detectCommitAi(withTrailers('🤖 Generated with [Claude Code](https://claude.ai/code)'))).toEqual(trailer('claude-code'));
    expect(detectCommitAi(withTrailers('Claude-Session: https://claude.ai/code/session_01AbC'))).toEqual(trailer('claude-code'));
    expect(detectCommitAi(withTrailers('claude-session: 01AbC'))).toEqual(trailer('claude-code'));
  });

  it('copilot: the coding agent as author, with or without the numeric noreply prefix', () => {
    const agent = botAuthor('copilot', 'agent');
    expect(detectCommitAi(makeCommit({ authorName: 'Copilot', authorEmail: '198982749+Copilot@users.noreply.github.com' }))).toEqual(agent);
    expect(detectCommitAi(makeCommit({ authorName: 'Copilot', authorEmail: 'Copilot@users.noreply.github.com' }))).toEqual(agent);
    expect(detectCommitAi(makeCommit({ authorName: 'copilot-swe-agent[bot]', authorEmail: '198982749+Copilot@users.noreply.github.com' }))).toEqual(agent);
    // Committer identity counts as well as author identity.
    expect(detectCommitAi(makeCommit({ committerName: 'Copilot', committerEmail: '198982749+Copilot@users.noreply.github.com' }))).toEqual(agent);
  });

  it('copilot: as co-author', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>'))).toEqual(trailer('copilot'));
    expect(detectCommitAi(withTrailers('Co-authored-by: GitHub Copilot <copilot@github.com>'))).toEqual(trailer('copilot'));
  });

  it('cursor: co-author cursoragent@cursor.com', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: Cursor Agent <cursoragent@cursor.com>'))).toEqual(trailer('cursor'));
  });

  it('aider: co-author at aider.chat, author name ending " (aider)", subject prefix "aider: "', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: aider (anthropic/claude-sonnet-4) <noreply@aider.chat>'))).toEqual(trailer('aider'));
    expect(detectCommitAi(withTrailers('Co-authored-by: aider (gpt-4o) <aider@aider.chat>'))).toEqual(trailer('aider'));
    expect(detectCommitAi(makeCommit({ authorName: 'Ada Lovelace (aider)' }))).toEqual(botAuthor('aider', 'authored'));
    expect(detectCommitAi(makeCommit({ committerName: 'Ada Lovelace (aider)' }))).toEqual(botAuthor('aider', 'authored'));
    expect(detectCommitAi(makeCommit({ message: 'aider: Fix rounding of order totals' }))).toEqual(trailer('aider'));
  });

  it('codex: co-authors at openai.com and the connector bots', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: Codex <noreply@openai.com>'))).toEqual(trailer('codex'));
    expect(detectCommitAi(withTrailers('Co-authored-by: codex <codex@openai.com>'))).toEqual(trailer('codex'));
    expect(detectCommitAi(makeCommit({
      authorName: 'chatgpt-codex-connector[bot]',
      authorEmail: '199175422+chatgpt-codex-connector[bot]@users.noreply.github.com',
    }))).toEqual(botAuthor('codex', 'agent'));
    expect(detectCommitAi(makeCommit({ authorName: 'openai-codex[bot]', authorEmail: 'openai-codex[bot]@users.noreply.github.com' })))
      .toEqual(botAuthor('codex', 'agent'));
  });

  it('devin, amazon-q, gemini, jules: bot authors, found by noreply address even under a display name', () => {
    expect(detectCommitAi(makeCommit({ authorName: 'Devin AI', authorEmail: '158243242+devin-ai-integration[bot]@users.noreply.github.com' })))
      .toEqual(botAuthor('devin', 'agent'));
    expect(detectCommitAi(makeCommit({ authorName: 'amazon-q-developer[bot]', authorEmail: '208079219+amazon-q-developer[bot]@users.noreply.github.com' })))
      .toEqual(botAuthor('amazon-q', null));
    expect(detectCommitAi(makeCommit({ authorName: 'gemini-code-assist[bot]', authorEmail: '176961590+gemini-code-assist[bot]@users.noreply.github.com' })))
      .toEqual(botAuthor('gemini', null));
    expect(detectCommitAi(makeCommit({ authorName: 'google-labs-jules[bot]', authorEmail: '161369871+google-labs-jules[bot]@users.noreply.github.com' })))
      .toEqual(botAuthor('jules', 'agent'));
  });

  it('a bot co-author (a review suggestion committed by a person) is a trailer marker', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: gemini-code-assist[bot] <176961590+gemini-code-assist[bot]@users.noreply.github.com>')))
      .toEqual({ assisted: true, tool: 'gemini', mode: null, evidence: 'trailer' });
  });

  it('amp: co-author amp@ampcode.com; replit: trailer Replit-Commit-Author: Agent', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: Amp <amp@ampcode.com>'))).toEqual(trailer('amp'));
    expect(detectCommitAi(withTrailers('Replit-Commit-Author: Agent', 'Replit-Commit-Session-Id: 4f1c'))).toEqual({
      assisted: true, tool: 'replit', mode: 'agent', evidence: 'trailer',
    });
  });

  it('reads Co-authored-by in any case, with any spacing, anywhere in the message', () => {
    for (const key of ['Co-authored-by', 'co-authored-by', 'CO-AUTHORED-BY', 'Co-Authored-By']) {
      expect(detectCommitAi(withTrailers(`${key}: Claude <noreply@anthropic.com>`)), key).toEqual(trailer('claude-code'));
    }
    expect(detectCommitAi(withTrailers('Co-authored-by:Claude <NoReply@Anthropic.com>'))).toEqual(trailer('claude-code'));
    // Squash merges put each commit's trailers in the middle of the message.
    const squash = '* Fix totals (#41)\n\nCo-authored-by: Cursor Agent <cursoragent@cursor.com>\r\n\n* Add tests (#42)\n\nSigned-off-by: Ada <ada@example.com>';
    expect(detectCommitAi(makeCommit({ message: `Checkout fixes (#43)\n\n${squash}` }))).toEqual(trailer('cursor'));
  });

  it('prefers a bot author over a co-author trailer', () => {
    const commit = makeCommit({
      authorName: 'Devin AI',
      authorEmail: '158243242+devin-ai-integration[bot]@users.noreply.github.com',
      message: 'Fix totals\n\nCo-authored-by: Claude <noreply@anthropic.com>',
    });
    expect(detectCommitAi(commit)).toEqual(botAuthor('devin', 'agent'));
  });
});

describe('detectCommitAi: never bare words', () => {
  it('a human named Claude is a human, as author and as co-author', () => {
    expect(detectCommitAi(makeCommit({ authorName: 'Claude Dupont', authorEmail: 'claude@example.com', committerName: 'Claude Dupont', committerEmail: 'claude@example.com' }))).toBeNull();
    expect(detectCommitAi(withTrailers('Co-authored-by: Claude Dupont <claude@example.com>'))).toBeNull();
    // The display name alone proves nothing either.
    expect(detectCommitAi(withTrailers('Co-authored-by: Claude Opus 4.6 <claude.opus@example.com>'))).toBeNull();
    expect(detectCommitAi(withTrailers('Co-authored-by: Claude'))).toBeNull();
  });

  it('tool names in prose are not markers', () => {
    for (const message of [
      'Fix cursor position in the search box',
      'continue loop when a line is blank',
      'Add codex table for product codes',
      'Ask Claude in review: is this right?',
      'Copilot suggested this, reviewed by hand',
      'Generated with Claude Code',
      'Revert "aider: fix totals"',
      'Mention claude-code and cursor in the README\n\nNote: Claude-Session is a header we do not use',
      'Update docs\n\nSee https://claude.ai/code for Generated with [Claude Code](https://claude.ai/code) examples',
    ]) {
      expect(detectCommitAi(makeCommit({ message })), message).toBeNull();
    }
  });

  it('people called like the tools, and look-alike addresses, are not bots', () => {
    expect(detectCommitAi(makeCommit({ authorName: 'Copilot', authorEmail: 'copilot@example.com' }))).toBeNull();
    expect(detectCommitAi(makeCommit({ authorName: 'devin-ai-integration', authorEmail: 'devin@example.com' }))).toBeNull();
    expect(detectCommitAi(makeCommit({ authorName: 'Devin Smith', authorEmail: '12345+devin@users.noreply.github.com' }))).toBeNull();
    expect(detectCommitAi(makeCommit({ authorName: 'Raider', authorEmail: 'raider@example.com' }))).toBeNull();
  });

  it('a co-author with an unrelated e-mail is not a marker', () => {
    expect(detectCommitAi(withTrailers('Co-authored-by: Grace Hopper <grace@example.com>'))).toBeNull();
    expect(detectCommitAi(withTrailers('Co-authored-by: Cursor <cursor@example.com>'))).toBeNull();
    expect(detectCommitAi(withTrailers('Co-authored-by: Aider Fan <fan@notaider.chat>'))).toBeNull();
    expect(detectCommitAi(withTrailers('Co-authored-by: Someone <someone@anthropic.com>'))).toBeNull();
  });

  it('a Replit trailer other than Agent, or an empty Claude-Session, is not a marker', () => {
    expect(detectCommitAi(withTrailers('Replit-Commit-Author: Ada'))).toBeNull();
    expect(detectCommitAi(withTrailers('Claude-Session:'))).toBeNull();
  });
});

describe('detectLogin', () => {
  it('knows the bot logins of the table in their REST, GraphQL and noreply forms', () => {
    expect(detectLogin('copilot-swe-agent[bot]')).toEqual(botAuthor('copilot', 'agent'));
    expect(detectLogin('devin-ai-integration[bot]')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('Devin-AI-Integration[bot]')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('app/devin-ai-integration')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('158243242+devin-ai-integration[bot]')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('158243242+devin-ai-integration[bot]@users.noreply.github.com')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('devin-ai-integration[bot]@users.noreply.github.com')).toEqual(botAuthor('devin', 'agent'));
    expect(detectLogin('chatgpt-codex-connector[bot]')).toEqual(botAuthor('codex', 'agent'));
    expect(detectLogin('openai-codex[bot]')).toEqual(botAuthor('codex', 'agent'));
    expect(detectLogin('amazon-q-developer[bot]')).toEqual(botAuthor('amazon-q', null));
    expect(detectLogin('gemini-code-assist[bot]')).toEqual(botAuthor('gemini', null));
    expect(detectLogin('google-labs-jules[bot]')).toEqual(botAuthor('jules', 'agent'));
  });

  it('people and other bots are not AI', () => {
    for (const login of ['claude', 'cursor', 'codex', 'devin', 'devin-ai-integration', 'dependabot[bot]', 'github-actions[bot]', 'ada']) {
      expect(detectLogin(login), login).toBeNull();
    }
  });
});

describe('detectLabels', () => {
  const declaredYes: AiTag = { assisted: true, tool: null, mode: null, evidence: 'label' };
  const declaredNo: AiTag = { assisted: false, tool: null, mode: null, evidence: 'label' };

  it('reads the declared yes and no labels, in any case', () => {
    expect(detectLabels(['bug', 'ai-assisted'])).toEqual(declaredYes);
    expect(detectLabels(['AI:Yes'])).toEqual(declaredYes);
    expect(detectLabels(['ai:no', 'bug'])).toEqual(declaredNo);
    expect(detectLabels(['bug', 'claude', 'copilot'])).toBeNull();
    expect(detectLabels([])).toBeNull();
  });

  it('counts a change labelled both ways as assisted', () => {
    expect(detectLabels(['ai:no', 'ai:yes'])).toEqual(declaredYes);
  });

  it('takes an organisation’s own label lists', () => {
    const declared = { yes: ['made-with-ai'], no: ['hand-written'] };
    expect(detectLabels(['made-with-ai'], declared)).toEqual(declaredYes);
    expect(detectLabels(['hand-written'], declared)).toEqual(declaredNo);
    expect(detectLabels(['ai-assisted'], declared)).toBeNull();
  });
});

describe('withCustomMarkers', () => {
  it('adds an organisation’s markers to the built-in ones', () => {
    const markers = withCustomMarkers([
      { tool: 'internal-agent', mode: 'agent', evidence: 'bot_author', match: 'author_email', value: 'agent@ai.acme.example' },
      { tool: 'internal-agent', mode: 'authored', evidence: 'trailer', match: 'co_author_domain', value: 'ai.acme.example' },
      { tool: 'internal-agent', mode: 'agent', evidence: 'bot_author', match: 'bot_login', value: 'acme-agent[bot]' },
      { tool: 'internal-agent', mode: 'authored', evidence: 'trailer', match: 'trailer', value: 'Acme-AI: yes' },
      { tool: 'internal-agent', mode: null, evidence: 'label', match: 'label', value: 'acme-ai' },
    ]);
    expect(markers.detectCommitAi(makeCommit({ authorEmail: 'Agent@AI.acme.example' }))).toEqual(botAuthor('internal-agent', 'agent'));
    expect(markers.detectCommitAi(withTrailers('Co-authored-by: Helper <helper@eu.ai.acme.example>'))).toEqual(trailer('internal-agent'));
    expect(markers.detectCommitAi(withTrailers('Acme-AI: yes'))).toEqual(trailer('internal-agent'));
    expect(markers.detectCommitAi(withTrailers('Acme-AI: no'))).toBeNull();
    expect(markers.detectLogin('acme-agent[bot]')).toEqual(botAuthor('internal-agent', 'agent'));
    expect(markers.detectLabels(['acme-ai', 'ai:no'])).toEqual({ assisted: true, tool: 'internal-agent', mode: null, evidence: 'label' });
    // The built-in markers still apply, and the built-in set is unchanged.
    expect(markers.detectCommitAi(withTrailers('Co-authored-by: Claude <noreply@anthropic.com>'))).toEqual(trailer('claude-code'));
    expect(detectLogin('acme-agent[bot]')).toBeNull();
    expect(markers.markers).toHaveLength(AI_MARKERS.length + 5);
  });

  it('lets an entry replace a built-in one with the same match and value', () => {
    const markers = withCustomMarkers([
      { tool: 'copilot', mode: 'agent', evidence: 'trailer', match: 'co_author_email', value: 'Copilot@users.noreply.github.com' },
    ]);
    expect(markers.detectCommitAi(withTrailers('Co-authored-by: Copilot <175728472+Copilot@users.noreply.github.com>')))
      .toEqual({ assisted: true, tool: 'copilot', mode: 'agent', evidence: 'trailer' });
  });

  it('refuses a malformed entry at once', () => {
    expect(() => withCustomMarkers([{ tool: 'x', mode: null, evidence: 'trailer', match: 'co_author_email', value: ' ' }])).toThrow(/needs a tool and a value/);
    expect(() => withCustomMarkers([{ tool: 'x', mode: null, evidence: 'trailer', match: 'subject' as never, value: 'x: ' }])).toThrow(/unknown match/);
    expect(() => withCustomMarkers([{ tool: 'x', mode: null, evidence: 'trailer', match: 'trailer', value: 'Not A Key: x' }])).toThrow(/invalid trailer key/);
  });
});
