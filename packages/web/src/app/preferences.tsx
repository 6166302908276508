import { useCallback, useEffect, useState } from 'react';

/** Display preferences for workshops: larger type for a projector, and a high-contrast palette. */
export interface Preferences {
  readonly isLargeText: boolean;
  readonly isHighContrast: boolean;
}

const KEY = 'zonewise.preferences';

const readPreferences = (): Preferences => {
  try {
    const stored = JSON.parse(window.localStorage.getItem(KEY) ?? '{}') as Partial<Preferences>;
    return { isLargeText: stored.isLargeText === true, isHighContrast: stored.isHighContrast === true };
  } catch {
    return { isLargeText: false, isHighContrast: false };
  }
};

/**
 * The preferences, kept in localStorage and applied as classes on `<html>` so that every view (and the canvas
 * diagram, which reads CSS variables) follows them.
 */
export const usePreferences = (): [Preferences, (change: Partial<Preferences>) => void] => {
  const [preferences, setPreferences] = useState(readPreferences);
  useEffect(() => {
    const root = document.documentElement;
    root.classList.toggle('large-text', preferences.isLargeText);
    root.classList.toggle('high-contrast', preferences.isHighContrast);
    window.localStorage.setItem(KEY, JSON.stringify(preferences));
  }, [preferences]);
  const update = useCallback(
    (change: Partial<Preferences>) => setPreferences((current) => ({ ...current, ...change })),
    [],
  );
  return [preferences, update];
};
