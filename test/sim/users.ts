/** The demo users and the lookup Sugar does (user names compare case-insensitively in its database). */
import { stableGuid } from './ids';
import type { SimUser } from './types';

export const DEMO_USERS: SimUser[] = [
  { userName: 'admin', password: 'admin', fullName: 'Administrator', type: 'admin', status: 'Active', id: '1' },
  { userName: 'jim', password: 'jim', fullName: 'Jim Brennan', type: 'user', status: 'Active' },
  { userName: 'sally', password: 'sally', fullName: 'Sally Bronsen', type: 'user', status: 'Active' },
  { userName: 'max', password: 'max', fullName: 'Max Jensen', type: 'user', status: 'Inactive' },
];

export type UserRecord = Required<SimUser>;

export class UserDirectory {
  private readonly byName = new Map<string, UserRecord>();

  constructor(users: SimUser[]) {
    for (const u of users) {
      const rec: UserRecord = { ...u, id: u.id ?? stableGuid(`user:${u.userName}`) };
      this.byName.set(u.userName.toLowerCase(), rec);
    }
  }

  all(): UserRecord[] {
    return [...this.byName.values()];
  }

  find(userName: string | undefined): UserRecord | undefined {
    return userName === undefined ? undefined : this.byName.get(userName.toLowerCase());
  }
}
