import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { StepStatus } from './step-status';

afterEach(cleanup);

describe('StepStatus', () => {
  it('counts the complete steps and links each step, named with what is missing, to its view', () => {
    render(
      <StepStatus
        projectId="p1"
        steps={[
          { step: 'ZCR 1.1', title: 'Identify the SuC', isComplete: true, missing: [] },
          {
            step: 'ZCR 3.5',
            title: 'Separate wireless devices',
            isComplete: false,
            missing: ['zone "cell"'],
          },
          { step: 'ZCR 7.1', title: 'Asset owner approval', isComplete: false, missing: ['no approval'] },
        ]}
      />,
    );
    expect(screen.getByText('1 of 3 ZCR steps complete')).toBeTruthy();
    const link = screen.getByRole('link', {
      name: 'ZCR 3.5 Separate wireless devices: incomplete, missing zone "cell"',
    });
    expect(link.getAttribute('href')).toBe('#/projects/p1/diagram');
    expect(screen.getByRole('link', { name: /^ZCR 7\.1/ }).getAttribute('href')).toBe(
      '#/projects/p1/approval',
    );
    expect(screen.getByRole('link', { name: /^ZCR 1\.1 .*: complete$/ }).getAttribute('href')).toBe(
      '#/projects/p1/system',
    );
  });
});
