import type { AssetInput, DataFlowInput, Finding, VulnerabilityInput } from '@zonewise/core';
import { hrefOf } from '../../app/router';
import { ErrorMessage } from '../../ui/error-message';
import type { Resource } from '../../ui/use-resource';
import type { Entity } from '../../api/entities';
import { SeverityBadge } from '../findings/severity-badge';

/** The data the detail panel draws on, loaded once by the assets view. */
export interface AssetContext {
  readonly vulnerabilities: Resource<readonly Entity<VulnerabilityInput>[]>;
  readonly flows: Resource<readonly Entity<DataFlowInput>[]>;
  readonly findings: Resource<readonly Finding[]>;
}

/** Nothing to show yet, and no error: the list is still on its way. */
const isLoading = (resource: Resource<readonly unknown[]>): boolean =>
  resource.data === undefined && resource.error === undefined;

/**
 * One asset in full: its fields, the vulnerabilities that affect it (with CVSS and the known-exploited flag), the
 * data flows it starts or receives, and the findings that name it as subject or evidence.
 */
export const AssetDetail = ({
  projectId,
  asset,
  context,
  onClose,
}: {
  projectId: string;
  asset: AssetInput;
  context: AssetContext;
  onClose: () => void;
}) => {
  const vulnerabilities = (context.vulnerabilities.data ?? []).filter((entity) =>
    entity.body.assets.includes(asset.id),
  );
  const flows = (context.flows.data ?? []).filter(
    (entity) => entity.body.from === asset.id || entity.body.to === asset.id,
  );
  const findings = (context.findings.data ?? []).filter(
    (finding) => finding.subject.id === asset.id || finding.evidence.some((ref) => ref.id === asset.id),
  );
  const criticality = Object.entries(asset.criticality ?? {});
  return (
    <aside className="detail-panel card" aria-labelledby="asset-detail-title">
      <header className="detail-header">
        <div>
          <h2 id="asset-detail-title">{asset.name}</h2>
          <p className="mono muted">{asset.id}</p>
        </div>
        <button type="button" className="ghost" onClick={onClose} aria-label="Close the asset detail">
          ×
        </button>
      </header>
      <dl className="facts">
        <dt>Kind</dt>
        <dd>{asset.kind}</dd>
        <dt>Zone</dt>
        <dd>
          {asset.zone ?? 'none'}{' '}
          <a href={hrefOf({ name: 'project', projectId, view: 'diagram', itemId: asset.id })}>
            Show on the diagram
          </a>
        </dd>
        {asset.purdueLevel === undefined ? null : (
          <>
            <dt>Purdue level</dt>
            <dd>{asset.purdueLevel}</dd>
          </>
        )}
        {asset.vendor === undefined ? null : (
          <>
            <dt>Vendor / product</dt>
            <dd>{[asset.vendor, asset.product, asset.version].filter(Boolean).join(' ')}</dd>
          </>
        )}
        {asset.location === undefined ? null : (
          <>
            <dt>Location</dt>
            <dd>{asset.location}</dd>
          </>
        )}
        {criticality.length === 0 ? null : (
          <>
            <dt>Criticality</dt>
            <dd>{criticality.map(([category, level]) => `${category} ${String(level)}`).join(', ')}</dd>
          </>
        )}
      </dl>
      <h3>Findings ({findings.length})</h3>
      <ErrorMessage error={context.findings.error} />
      {findings.length > 0 ? null : isLoading(context.findings) ? (
        <p className="muted" role="status">
          Loading the findings…
        </p>
      ) : (
        <p className="muted">No findings name this asset.</p>
      )}
      <ul className="plain-list">
        {findings.map((finding) => (
          <li key={finding.id}>
            <SeverityBadge severity={finding.severity} />{' '}
            <a href={hrefOf({ name: 'project', projectId, view: 'findings', itemId: finding.id })}>
              {finding.title}
            </a>
            <div className="muted small">{finding.because}</div>
          </li>
        ))}
      </ul>
      <h3>Vulnerabilities ({vulnerabilities.length})</h3>
      <ErrorMessage error={context.vulnerabilities.error} />
      {vulnerabilities.length > 0 ? null : isLoading(context.vulnerabilities) ? (
        <p className="muted">Loading the vulnerabilities…</p>
      ) : (
        <p className="muted">No vulnerabilities recorded.</p>
      )}
      <ul className="plain-list">
        {vulnerabilities.map(({ body }) => (
          <li key={body.id}>
            <strong>{body.cve ?? body.id}</strong> {body.title ?? ''}{' '}
            {body.cvss === undefined ? null : (
              <span className="badge">CVSS {body.cvss.score.toFixed(1)}</span>
            )}{' '}
            {body.isKnownExploited === true ? (
              <span className="pill pill-danger">known exploited (KEV)</span>
            ) : null}{' '}
            {body.status === undefined ? null : <span className="badge">{body.status}</span>}
          </li>
        ))}
      </ul>
      <h3>Data flows ({flows.length})</h3>
      <ErrorMessage error={context.flows.error} />
      {flows.length > 0 ? null : isLoading(context.flows) ? (
        <p className="muted">Loading the data flows…</p>
      ) : (
        <p className="muted">No data flows start or end here.</p>
      )}
      <table className="data-table compact">
        <tbody>
          {flows.map(({ body }) => (
            <tr key={body.id}>
              <td>{body.from === asset.id ? 'to' : 'from'}</td>
              <td className="mono">{body.from === asset.id ? body.to : body.from}</td>
              <td>
                {body.protocol}
                {body.port === undefined ? '' : `/${String(body.port)}`}
              </td>
              <td className="muted">{body.purpose ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
};
