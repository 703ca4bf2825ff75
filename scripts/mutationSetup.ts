// Set-up for the test runs Stryker makes against each mutant (vitest.mutation.config.ts).
// A property that fails has killed the mutant: the counterexample need not be shrunk (shrinking
// re-runs the property hundreds of times per killed mutant). Whether a mutant dies does not change.
import fc from 'fast-check';

fc.configureGlobal({ ...fc.readConfigureGlobal(), endOnFailure: true });
