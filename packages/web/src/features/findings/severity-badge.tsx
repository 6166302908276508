/** A finding severity as a word with a shape marker and colour (colour is never the only signal). */
export const SeverityBadge = ({ severity }: { severity: string }) => {
  const marks: Record<string, string> = { critical: '◆◆', high: '◆', medium: '▲', low: '▽', info: 'ⓘ' };
  return (
    <span className={`severity severity-${severity}`}>
      <span aria-hidden="true">{marks[severity] ?? '•'} </span>
      {severity}
    </span>
  );
};
