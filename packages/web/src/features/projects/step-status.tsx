/** Completeness of one ZCR step as the engine reports it. */
export interface StepCompleteness {
  readonly step: string;
  readonly title: string;
  readonly isComplete: boolean;
  readonly missing: readonly string[];
}

/**
 * One chip per ZCR step: a tick or a cross plus the step name (never colour alone), with what is missing in the
 * tooltip and the accessible name.
 */
export const StepStatus = ({ steps }: { steps: readonly StepCompleteness[] }) => (
  <ol className="step-status" aria-label="Status per ZCR step">
    {steps.map((step) => {
      const label = step.isComplete
        ? `${step.step} ${step.title}: complete`
        : `${step.step} ${step.title}: incomplete, missing ${step.missing.join('; ')}`;
      return (
        <li
          key={step.step}
          className={step.isComplete ? 'step is-complete' : 'step is-incomplete'}
          title={label}
          aria-label={label}
        >
          <span aria-hidden="true">{step.isComplete ? '✓' : '✗'}</span> {step.step}
        </li>
      );
    })}
  </ol>
);
