// Choosing where to be seen: a grid of big department buttons with the expected wait when the central
// service gives one; an unavailable department is shown but cannot be chosen.

import type { ScreenOf } from '../../../electron/contract/index.ts';
import { HolderCard } from '../components/holder-card.tsx';
import { text, type ScreenContext } from '../components/screen-context.ts';
import { localized } from '../i18n/localize.ts';

export function ChooseDepartmentScreen({ ctx, view }: { readonly ctx: ScreenContext; readonly view: ScreenOf<'chooseDepartment'> }) {
  const offered = ctx.actions.has('flow.chooseDepartment');
  return (
    <section className="screen screen-choose-department">
      <HolderCard ctx={ctx} holder={view.holder} compact />
      <h1 className="screen-title">{text(ctx, 'chooseDepartmentTitle')}</h1>
      {view.departments.length === 0 ? <p className="notice">{text(ctx, 'noDepartments')}</p> : null}
      {offered ? (
        <div className="department-grid">
          {view.departments.map((d) => (
            <button
              key={d.id}
              type="button"
              className="btn btn-department"
              data-action="flow.chooseDepartment"
              data-department={d.id}
              disabled={!d.available}
              aria-disabled={!d.available}
              onClick={() => ctx.send({ type: 'flow.chooseDepartment', departmentId: d.id })}
            >
              <span className="department-name">{localized(d.name, ctx.language)}</span>
              {!d.available ? (
                <span className="department-wait department-closed">{text(ctx, 'unavailable')}</span>
              ) : d.waitMinutes !== undefined ? (
                <span className="department-wait">{text(ctx, 'waitMinutes', { n: d.waitMinutes })}</span>
              ) : null}
            </button>
          ))}
        </div>
      ) : null}
    </section>
  );
}
