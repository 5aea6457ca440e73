// Sign in and registration: two forms side by side, each saying what the server refused in its words.
import { h } from '../preact.js';
import { signIn, register } from '../session.js';
import { describe } from '../errors.js';

export function SignInScreen({ onSignedIn, error, busy, setState }) {
  const submit = action => async event => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(event.target));
    setState({ busy: true, error: null });
    try {
      onSignedIn(await action(fields));
    } catch (failure) {
      setState({ busy: false, error: describe(failure) });
    }
  };
  return h('main', { class: 'auth', 'aria-labelledby': 'app-title' },
    h('h1', { id: 'app-title' }, 'Parley'),
    error && h('p', { class: 'error', role: 'alert' }, error),
    h('div', { class: 'auth-forms' },
      h('form', { 'aria-labelledby': 'sign-in-title', onSubmit: submit(f => signIn(f.username, f.password)) },
        h('h2', { id: 'sign-in-title' }, 'Sign in'),
        field('sign-in-username', 'Username', { name: 'username', autocomplete: 'username', required: true, maxLength: 32 }),
        field('sign-in-password', 'Password', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxLength: 128 }),
        h('button', { type: 'submit', disabled: busy }, 'Sign in')),
      h('form', { 'aria-labelledby': 'register-title', onSubmit: submit(f => register(f.username, f.password, f.displayName)) },
        h('h2', { id: 'register-title' }, 'Create an account'),
        field('register-username', 'Username', { name: 'username', autocomplete: 'username', required: true,
          minLength: 3, maxLength: 32, pattern: '[a-z0-9_.]+', 'aria-describedby': 'register-username-hint' }),
        h('p', { id: 'register-username-hint', class: 'hint' }, '3 to 32 of a–z, 0–9, _ and .'),
        field('register-display-name', 'Display name', { name: 'displayName', autocomplete: 'name', required: true, maxLength: 64 }),
        field('register-password', 'Password', { name: 'password', type: 'password', autocomplete: 'new-password',
          required: true, minLength: 8, maxLength: 128, 'aria-describedby': 'register-password-hint' }),
        h('p', { id: 'register-password-hint', class: 'hint' }, 'At least 8 characters'),
        h('button', { type: 'submit', disabled: busy }, 'Create account'))));
}

function field(id, label, attributes) {
  return h('div', { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, ...attributes }));
}
