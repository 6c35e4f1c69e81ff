import type { Me, RoleGrant } from '../api/types';
import { supervisesCase } from './roles';

const user = (...roles: [role: RoleGrant['role'], orgPath: string][]): Me => ({
  id: 'u1',
  username: 'someone',
  displayName: 'Someone',
  roles: roles.map(([role, orgPath]) => ({ role, orgPath, orgUnitId: `unit-${orgPath}` })),
});

describe('supervisesCase', () => {
  it('is true for a supervising role at the case’s unit or above it', () => {
    expect(supervisesCase(user(['admin', '/root']), '/root/c1/d1/s1/g7/k2')).toBe(true);
    expect(supervisesCase(user(['principal', '/root/c1/d1/s1']), '/root/c1/d1/s1/g7/k2')).toBe(true);
    expect(supervisesCase(user(['psychLead', '/root/c1/d1/s1/g7/k2']), '/root/c1/d1/s1/g7/k2')).toBe(true);
    expect(supervisesCase(user(['districtSupervisor', '/root/c1/d1']), '/root/c1/d1/s1')).toBe(true);
  });

  it('is false for staff roles and for supervisors of another branch', () => {
    expect(supervisesCase(user(['psychTeacher', '/root/c1/d1/s1']), '/root/c1/d1/s1/g7/k2')).toBe(false);
    expect(supervisesCase(user(['classTeacher', '/root/c1/d1/s1/g7/k2']), '/root/c1/d1/s1/g7/k2')).toBe(
      false,
    );
    expect(supervisesCase(user(['principal', '/root/c1/d1/s2']), '/root/c1/d1/s1/g7/k2')).toBe(false);
    // a sibling whose code starts the same is not above the case
    expect(supervisesCase(user(['principal', '/root/c1/d1/s1']), '/root/c1/d1/s12/g7')).toBe(false);
  });

  it('leaves a case without an org path to the api when the user supervises somewhere', () => {
    expect(supervisesCase(user(['principal', '/root/c1/d1/s1']), null)).toBe(true);
    expect(supervisesCase(user(['psychTeacher', '/root/c1/d1/s1']), null)).toBe(false);
  });
});
