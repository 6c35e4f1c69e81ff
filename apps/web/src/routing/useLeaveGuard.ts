import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';

/**
 * Keeps a page with unsaved work open: while `isDirty()` answers true, leaving through the app's
 * links asks `question` first, and closing or reloading the tab asks the browser's own question.
 * A function rather than a flag: a page that saves and then navigates in one handler has cleared
 * its ref before the navigation, even though React has not rendered the new state yet.
 */
export function useLeaveGuard(isDirty: () => boolean, question: string): void {
  const dirty = useRef(isDirty);
  dirty.current = isDirty;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirty.current() &&
      (currentLocation.pathname !== nextLocation.pathname || currentLocation.search !== nextLocation.search),
  );

  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    if (window.confirm(question)) blocker.proceed();
    else blocker.reset();
  }, [blocker, question]);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (dirty.current()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);
}
