import { hrefOf, stepView } from '../../app/router';

/** Completeness of one ZCR step as the engine reports it. */
export interface StepCompleteness {
  readonly step: string;
  readonly title: string;
  readonly isComplete: boolean;
  readonly missing: readonly string[];
}

/**
 * How many steps are complete, then one chip per ZCR step: a tick or a cross plus the step name (never colour
 * alone), with what is missing in the tooltip and the accessible name. Each chip opens the view where that step is
 * worked on.
 */
export const StepStatus = ({
  projectId,
  steps,
}: {
  projectId: string;
  steps: readonly StepCompleteness[];
}) => (
  <>
    <p className="small muted step-count">
      {steps.filter((step) => step.isComplete).length} of {steps.length} ZCR steps complete
    </p>
    <ol className="step-status" aria-label="Status per ZCR step">
      {steps.map((step) => {
        const label = step.isComplete
          ? `${step.step} ${step.title}: complete`
          : `${step.step} ${step.title}: incomplete, missing ${step.missing.join('; ')}`;
        return (
          <li key={step.step} className={step.isComplete ? 'step is-complete' : 'step is-incomplete'}>
            <a
              href={hrefOf({ name: 'project', projectId, view: stepView(step.step) })}
              title={label}
              aria-label={label}
            >
              <span aria-hidden="true">{step.isComplete ? '✓' : '✗'}</span> {step.step}
            </a>
          </li>
        );
      })}
    </ol>
  </>
);
