import type { ReactNode } from 'react';
import type { Me } from '../api/types';
import type { MessageKey } from '../i18n/i18n';
import { AdminPage } from './admin/AdminPage';
import { RegistrationPage } from './registration/RegistrationPage';
import { SupervisionPage } from './supervision/SupervisionPage';
import { TriagePage } from './triage/TriagePage';
import { Workbench } from './Workbench';

/** A part of the console, offered to the roles whose work it is (the services decide the rest). */
export interface ConsoleArea {
  path: string;
  label: MessageKey;
  roles: readonly string[];
  render: (me: Me, path: string) => ReactNode;
}

export const CONSOLE_AREAS: readonly ConsoleArea[] = [
  {
    path: '/staff',
    label: 'nav.workbench',
    roles: ['handler', 'unit_leader', 'dispatcher', 'supervisor', 'registrar'],
    render: () => <Workbench />,
  },
  {
    path: '/staff/registration',
    label: 'nav.registration',
    roles: ['registrar', 'dispatcher'],
    render: (me) => <RegistrationPage me={me} />,
  },
  {
    path: '/staff/triage',
    label: 'nav.triage',
    roles: ['dispatcher'],
    render: (me) => <TriagePage me={me} />,
  },
  {
    path: '/staff/supervision',
    label: 'nav.supervision',
    roles: ['supervisor'],
    render: (me) => <SupervisionPage me={me} />,
  },
  {
    path: '/staff/admin',
    label: 'nav.admin',
    roles: ['admin'],
    render: (me, path) => <AdminPage me={me} path={path} />,
  },
];

/** The areas `me` may open, in the console's order. */
export function areasFor(me: Me): ConsoleArea[] {
  return CONSOLE_AREAS.filter((area) => area.roles.some((role) => me.roles.includes(role)));
}

/** The area a path belongs to (the longest prefix among those offered), or the first offered. */
export function areaAt(path: string, offered: ConsoleArea[]): ConsoleArea | undefined {
  const matching = offered.filter((a) => path === a.path || path.startsWith(`${a.path}/`));
  return matching.sort((a, b) => b.path.length - a.path.length)[0] ?? offered[0];
}
