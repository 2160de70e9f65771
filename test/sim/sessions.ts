/**
 * Sugar's token table. The behaviours clients trip over live here: one session per user per
 * platform (two on mobile), refresh rotation that kills the old refresh token at once and the old
 * access token after a grace period, and sudo sessions that have no refresh token.
 */
import { newGuid } from './ids';
import type { SimSessionInfo } from './types';

export interface AccessGrant {
  token: string;
  sessionId: number;
  userName: string;
  platform: string;
  clientId: string;
  sudoBy?: string;
  expiresAt: number;
  /** Set on a rotated-away token: it still works until then (Sugar 12 kept old tokens 120 s). */
  deadAfter?: number;
}

export interface Session {
  id: number;
  userName: string;
  platform: string;
  clientId: string;
  sudoBy?: string;
  accessToken: string;
  accessExpiresAt: number;
  refreshToken?: string;
  refreshExpiresAt?: number;
  downloadToken?: string;
  /** Current token plus rotated ones still in their grace period; they die with the session. */
  grants: string[];
}

export interface NewSession {
  userName: string;
  platform: string;
  clientId: string;
  sudoBy?: string;
  accessTtlSec: number;
  /** Absent for sudo: no refresh token and no download token. */
  refreshTtlSec?: number;
}

export function sessionsAllowed(platform: string): number {
  return platform === 'mobile' ? 2 : 1;
}

export class SessionStore {
  private nextId = 1;
  private readonly sessions = new Map<number, Session>();
  private readonly access = new Map<string, AccessGrant>();
  private readonly refresh = new Map<string, number>();
  private readonly download = new Map<string, number>();
  private readonly secrets: string[] = [];

  constructor(private readonly now: () => number) {}

  create(spec: NewSession): Session {
    this.makeRoomFor(spec.userName, spec.platform);
    const now = this.now();
    const session: Session = {
      id: this.nextId++,
      userName: spec.userName,
      platform: spec.platform,
      clientId: spec.clientId,
      sudoBy: spec.sudoBy,
      accessToken: this.issue(),
      accessExpiresAt: now + spec.accessTtlSec * 1000,
      grants: [],
    };
    if (spec.refreshTtlSec !== undefined) {
      session.refreshToken = this.issue();
      session.refreshExpiresAt = now + spec.refreshTtlSec * 1000;
      session.downloadToken = this.issue();
      this.refresh.set(session.refreshToken, session.id);
      this.download.set(session.downloadToken, session.id);
    }
    session.grants.push(session.accessToken);
    this.access.set(session.accessToken, {
      token: session.accessToken,
      sessionId: session.id,
      userName: session.userName,
      platform: session.platform,
      clientId: session.clientId,
      sudoBy: session.sudoBy,
      expiresAt: session.accessExpiresAt,
    });
    this.sessions.set(session.id, session);
    return session;
  }

  /** Rotation: the old refresh token goes now, the old access token after `graceSec`. */
  rotate(old: Session, platform: string, accessTtlSec: number, refreshTtlSec: number, graceSec: number): Session {
    const graced: string[] = [];
    if (graceSec > 0) {
      const deadAfter = this.now() + graceSec * 1000;
      for (const t of old.grants) {
        const g = this.access.get(t);
        if (g) {
          g.deadAfter = Math.min(g.deadAfter ?? Infinity, deadAfter);
          graced.push(t);
        }
      }
    }
    this.end(old.id, new Set(graced));
    const next = this.create({
      userName: old.userName,
      platform,
      clientId: old.clientId,
      sudoBy: old.sudoBy,
      accessTtlSec,
      refreshTtlSec,
    });
    for (const t of graced) {
      const g = this.access.get(t);
      if (g) g.sessionId = next.id;
      next.grants.push(t);
    }
    return next;
  }

  /** A dead or unknown token is undefined; an expired one is still returned (Sugar says "has expired"). */
  findAccess(token: string): AccessGrant | undefined {
    const g = this.access.get(token);
    if (!g) return undefined;
    if (g.deadAfter !== undefined && this.now() >= g.deadAfter) {
      this.access.delete(token);
      return undefined;
    }
    return g;
  }

  /** The live session a download token belongs to (file URLs carry it instead of a header). */
  findByDownload(token: string): Session | undefined {
    const id = this.download.get(token);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  findByRefresh(token: string): Session | undefined {
    const id = this.refresh.get(token);
    return id === undefined ? undefined : this.sessions.get(id);
  }

  get(id: number): Session | undefined {
    return this.sessions.get(id);
  }

  /** Ends a session: its refresh, download and access tokens stop working (except `keep`). */
  end(id: number, keep: Set<string> = new Set()): void {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    if (s.refreshToken) this.refresh.delete(s.refreshToken);
    if (s.downloadToken) this.download.delete(s.downloadToken);
    for (const t of s.grants) if (!keep.has(t)) this.access.delete(t);
  }

  dropAccess(token: string): void {
    this.access.delete(token);
  }

  expireAccess(userName?: string): void {
    const now = this.now();
    const match = (u: string): boolean => userName === undefined || u.toLowerCase() === userName.toLowerCase();
    for (const g of this.access.values()) if (match(g.userName)) g.expiresAt = Math.min(g.expiresAt, now);
    for (const s of this.sessions.values()) if (match(s.userName)) s.accessExpiresAt = Math.min(s.accessExpiresAt, now);
  }

  active(userName?: string): SimSessionInfo[] {
    const now = this.now();
    const out: SimSessionInfo[] = [];
    for (const s of this.sessions.values()) {
      if (userName !== undefined && s.userName.toLowerCase() !== userName.toLowerCase()) continue;
      const alive = s.accessExpiresAt > now || (s.refreshExpiresAt !== undefined && s.refreshExpiresAt > now);
      if (!alive) continue;
      const info: SimSessionInfo = {
        userName: s.userName,
        platform: s.platform,
        clientId: s.clientId,
        accessExpiresAt: s.accessExpiresAt,
      };
      if (s.sudoBy !== undefined) info.sudoBy = s.sudoBy;
      if (s.refreshExpiresAt !== undefined) info.refreshExpiresAt = s.refreshExpiresAt;
      out.push(info);
    }
    return out;
  }

  issuedSecrets(): string[] {
    return [...this.secrets];
  }

  private issue(): string {
    const t = newGuid();
    this.secrets.push(t);
    return t;
  }

  /** A new session on a full platform ends the user's oldest ones there (sessions are kept in creation order). */
  private makeRoomFor(userName: string, platform: string): void {
    const same = [...this.sessions.values()].filter(
      (s) => s.platform === platform && s.userName.toLowerCase() === userName.toLowerCase(),
    );
    const excess = same.length - (sessionsAllowed(platform) - 1);
    for (let i = 0; i < excess; i++) this.end(same[i].id);
  }
}
