import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** What failed, for the message ("the diagram", "the asset table"). */
  readonly feature: string;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | undefined;
}

/**
 * Catches a render error in one feature so the rest of the app keeps working: the user sees what failed and can
 * retry, never a blank page.
 */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`[zonewise] ${this.props.feature} failed`, error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return (
      <div role="alert" className="notice notice-error">
        <h2>Something went wrong in {this.props.feature}</h2>
        <p className="mono">{this.state.error.message}</p>
        <p>The rest of the workbench still works. Try again, or reload the page.</p>
        <button type="button" onClick={() => this.setState({ error: undefined })}>
          Try again
        </button>
      </div>
    );
  }
}
