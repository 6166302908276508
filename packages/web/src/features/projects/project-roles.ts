/** A caller's role in a project as the server reports it (`admin` when an administrator is not a member). */
export type ProjectRoleName = 'assessor' | 'reviewer' | 'approver' | 'viewer' | 'admin';

/** What the UI offers a role; mirrors the server's ROLE_PERMISSIONS, which still checks every call. */
export interface Capabilities {
  readonly canEdit: boolean;
  readonly canComment: boolean;
  readonly canFreeze: boolean;
  readonly canSign: boolean;
  readonly canManage: boolean;
}

/** The controls a role gets: a viewer sees none, a reviewer comments, an approver freezes and signs. */
export const capabilitiesOf = (role: string | undefined): Capabilities => ({
  canEdit: role === 'assessor' || role === 'admin',
  canComment: role === 'assessor' || role === 'reviewer' || role === 'approver' || role === 'admin',
  canFreeze: role === 'assessor' || role === 'approver' || role === 'admin',
  canSign: role === 'approver',
  canManage: role === 'assessor' || role === 'admin',
});
