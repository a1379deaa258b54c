// Keyboard-only journeys. Each runs twice: with JavaScript on and off.
// Steps (e2e/lib/keyboard.mjs): go(path), tab(matcher?), shiftTab(matcher?),
// tabTo(matcher), press(key), type(text), expectFocus(selector),
// expectPath(path), expectHeading(text?), tabThrough().
// Every Tab press checks the focus indicator; tabTo fails on a focus trap.
// Pass { signedIn: true } as a third argument to start signed in.
import {
  keyboardJourney, go, tab, tabTo, press, type, expectFocus, expectPath, expectHeading,
} from './lib/keyboard.mjs';

export default ({ email, password }) => [
  keyboardJourney('sign in with the keyboard alone', [
    go('/'),
    tab({ selector: '.govuk-skip-link', name: /skip to main content/i }),
    press('Enter'),
    expectFocus('#main-content'),
    tabTo({ role: 'link', name: /\bsign in\b/i }),
    press('Enter'),
    expectPath('/sign-in'),
    tabTo({ label: /email/i }),
    type(email),
    tabTo({ label: /password/i }),
    type(password, { secret: true }),
    tabTo({ role: 'button', name: /sign in/i }),
    press('Enter'),
    expectPath('/staff'),
    expectHeading(),
  ]),
];
