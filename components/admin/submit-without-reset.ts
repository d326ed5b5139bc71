// Submits a form to its action without React's automatic reset afterwards: the reset would put
// controlled selects (source, Jira pickers) back to their first option while their state keeps the
// admin's choice, so a refused save would silently show other values than the ones it will send.
import { type FormEvent, startTransition } from "react";

export function submitWithoutReset(action: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  };
}
