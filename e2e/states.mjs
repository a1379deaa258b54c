// States a crawl cannot reach: pages after a form is sent, error pages, and
// so on. Each state opens `path` (signed in as the demo admin when
// `signedIn` is true), runs its actions, checks `expect`, and then gets the
// same checks as every crawled page: axe-core, the Nu HTML Checker, the
// focus walk, the 320px screen and page errors.
//
// Add one in a few lines, for example:
//
//   { name: 'add a person, email not valid', signedIn: true, path: '/staff/people/new',
//     actions: [fill(/email/i, 'not an email'), submit()],
//     expect: { selector: '.govuk-error-summary' } },
//
// Actions (e2e/lib/actions.mjs): fill(label, value), check(label),
// select(label, optionText), submit(buttonName?), followLink(name), open(path).
// expect: { selector, status, text } — all optional.
import { fill, submit, followLink, check, open, upload } from './lib/actions.mjs';

export const STAFF_EMAIL = 'admin@northshire-council.example';

const ERRORS = { selector: '.govuk-error-summary' };

// Answers every question of the get involved journey, ending on the check page.
const answerEverything = (base = '/get-involved') => [
  open(`${base}/name`), fill(/call you|your name/i, 'State Person'), submit(),
  check(/^email$/i), fill(/email address/i, 'state.person@example.com'), submit(),
  submit(), submit(),
  check(/draw on care/i), submit(),
  submit(), submit(),
  check(/ashby vale/i), submit(),
  submit(),
  check(/paid for my time/i), submit(),
];

export default [
  {
    name: 'sign in, sent empty',
    signedIn: false,
    path: '/sign-in',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'sign in, wrong password',
    signedIn: false,
    path: '/sign-in',
    actions: [fill(/email/i, STAFF_EMAIL), fill(/password/i, 'this is not the password'), submit()],
    expect: ERRORS,
  },
  {
    name: 'forgotten password, sent empty',
    signedIn: false,
    path: '/sign-in',
    actions: [followLink(/forgot/i), submit()],
    expect: ERRORS,
  },
  {
    name: 'page not found',
    signedIn: false,
    path: '/no-such-page',
    actions: [],
    expect: { status: 404 },
  },
  {
    name: 'add a user, sent empty',
    signedIn: true,
    path: '/staff/users/new',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'writing check, sent empty',
    signedIn: true,
    path: '/staff/writing-check',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'writing check, advice on a text',
    signedIn: true,
    path: '/staff/writing-check',
    actions: [
      fill(/text to check/i, 'In order to facilitate engagement with stakeholders, the CQC report was reviewed and a number of key deliverables were identified going forward.'),
      submit(),
    ],
    expect: { selector: '#plain-english-report', text: /Plainer word/ },
  },
  {
    name: 'staff account, edit form sent with mistakes',
    signedIn: true,
    path: '/staff/users',
    actions: [followLink(/Grace Lindqvist/), followLink(/change this account/i), fill(/full name/i, ''), submit()],
    expect: ERRORS,
  },
  {
    name: 'settings saved',
    signedIn: true,
    path: '/staff/settings',
    actions: [submit()],
    expect: { text: /Your settings have been saved/ },
  },
  {
    name: 'get involved, name left empty',
    signedIn: false,
    path: '/get-involved/name',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'get involved, email not valid',
    signedIn: false,
    path: '/get-involved/contact',
    actions: [check(/^email$/i), fill(/email address/i, 'not an email'), submit()],
    expect: ERRORS,
  },
  {
    name: 'get involved, sent without the other answers',
    signedIn: false,
    path: '/get-involved/name',
    actions: [fill(/call you/i, 'State Tester'), submit(), open('/get-involved/check'), submit('Send')],
    expect: ERRORS,
  },
  {
    name: 'easy read get involved, name left empty',
    signedIn: false,
    path: '/get-involved/easy-read/name',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'register filtered with a date that is not real',
    signedIn: true,
    path: '/staff/people?since=31%2F02%2F2025',
    actions: [],
    expect: ERRORS,
  },
  {
    name: 'add a person, sent empty',
    signedIn: true,
    path: '/staff/people/new',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'a person, status change without a reason',
    signedIn: true,
    path: '/staff/people/1',
    actions: [submit('Change status')],
    expect: ERRORS,
  },
  {
    name: 'import, uploaded without a file',
    signedIn: true,
    path: '/staff/people/import',
    actions: [submit('Upload')],
    expect: ERRORS,
  },
  {
    name: 'get involved, the formats question',
    signedIn: false,
    path: '/get-involved/formats',
    actions: [],
  },
  {
    name: 'get involved, the access question',
    signedIn: false,
    path: '/get-involved/access',
    actions: [],
  },
  {
    name: 'get involved, the experience question',
    signedIn: false,
    path: '/get-involved/experience',
    actions: [],
  },
  {
    name: 'get involved, the areas question',
    signedIn: false,
    path: '/get-involved/areas',
    actions: [],
  },
  {
    name: 'get involved, the topics question',
    signedIn: false,
    path: '/get-involved/topics',
    actions: [],
  },
  {
    name: 'get involved, the where question',
    signedIn: false,
    path: '/get-involved/where',
    actions: [],
  },
  {
    name: 'get involved, the when question',
    signedIn: false,
    path: '/get-involved/when',
    actions: [],
  },
  {
    name: 'get involved, the recognition question',
    signedIn: false,
    path: '/get-involved/recognition',
    actions: [],
  },
  {
    name: 'get involved, every answer given, on the check page',
    signedIn: false,
    path: '/get-involved',
    actions: answerEverything(),
    expect: { text: /Check your answers/ },
  },
  {
    name: 'easy read get involved, every answer given, on the check page',
    signedIn: false,
    path: '/get-involved/easy-read',
    actions: answerEverything('/get-involved/easy-read'),
    expect: { text: /Check your answers/ },
  },
  {
    name: 'get involved, sent, then the equality questions',
    signedIn: false,
    path: '/get-involved',
    actions: [...answerEverything(), check(/i agree/i), submit('Send'), followLink(/answer the questions about you/i)],
    expect: { text: /Questions about you/ },
  },
  {
    name: 'get involved, equality answers sent',
    signedIn: false,
    path: '/get-involved',
    actions: [...answerEverything(), check(/i agree/i), submit('Send'), open('/get-involved/equality'), check(/35 to 44/i), submit()],
    expect: { text: /Thank you/ },
  },
  {
    name: 'import, columns of an uploaded file',
    signedIn: true,
    path: '/staff/people/import',
    actions: [upload(/spreadsheet file/i, 'fixtures/register.csv'), submit('Upload')],
    expect: { text: /Check what each column holds/ },
  },
  {
    name: 'import, every row checked',
    signedIn: true,
    path: '/staff/people/import',
    actions: [upload(/spreadsheet file/i, 'fixtures/register.csv'), submit('Upload'), submit('Check every row')],
    expect: { text: /will not be imported/ },
  },
  {
    name: 'import, finished with rows to correct',
    signedIn: true,
    path: '/staff/people/import',
    actions: [upload(/spreadsheet file/i, 'fixtures/register.csv'), submit('Upload'), submit('Check every row'), submit(/^Import/)],
    expect: { text: /Import finished/ },
  },
  {
    name: 'a person, note added',
    signedIn: true,
    path: '/staff/people/2',
    actions: [fill(/^note$/i, 'Checked by the browser tests'), submit('Add note')],
    expect: { text: /Checked by the browser tests/ },
  },
  {
    name: 'decision log, add a decision sent empty',
    signedIn: true,
    path: '/staff/decisions/new',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'decision log, a date that is not real',
    signedIn: true,
    path: '/staff/decisions/new',
    actions: [
      fill(/date of the decision/i, '31/02/2027'),
      fill(/what was decided/i, 'Open the day centre on Saturdays'),
      check(/the management team/i),
      check(/^No$/),
      fill(/how were people/i, 'There was no time to ask anyone.'),
      submit(),
    ],
    expect: { selector: '#decided_on-error' },
  },
  {
    name: 'our projects, filtered by rung and level',
    signedIn: false,
    path: '/projects?rung=consultation&level=strategic',
    actions: [],
    expect: { text: /found/ },
  },
  {
    name: 'our projects, a filter value not on the list',
    signedIn: false,
    path: '/projects?rung=top',
    actions: [],
    expect: ERRORS,
  },
  {
    name: 'a published project that is not co-produced',
    signedIn: false,
    path: '/projects',
    actions: [followLink(/^Read why/)],
    expect: { selector: '#stages', text: /not co-produced/ },
  },
  {
    name: 'plan a project, sent empty',
    signedIn: true,
    path: '/staff/projects/new',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'plan a project at engagement without saying why it is not co-produced',
    signedIn: true,
    path: '/staff/projects/new',
    actions: [
      fill(/^title$/i, 'A survey about day services'),
      fill(/^summary$/i, 'We will ask people what they think of day services.'),
      check(/^strategic$/i),
      check(/^engagement$/i),
      fill(/why this rung/i, 'The plan is already decided.'),
      submit(),
    ],
    expect: { selector: '#not_coproduced_category-error' },
  },
  {
    name: 'a project, is co-production right here with notes too long',
    signedIn: true,
    path: '/staff/projects/1/fit',
    actions: [fill(/notes/i, 'Long notes. '.repeat(400)), submit()],
    expect: ERRORS,
  },
  {
    name: 'a project, a stage with people taking part but not how',
    signedIn: true,
    path: '/staff/projects/1/stages',
    actions: [fill(/how do they take part/i, ''), submit('Save')],
    expect: ERRORS,
  },
  {
    name: 'a project, working agreement sent empty',
    signedIn: true,
    path: '/staff/projects/1/agreement',
    actions: [fill(/how will the group work/i, ''), submit('Save a new version')],
    expect: ERRORS,
  },
  {
    name: 'a project, people found on the register',
    signedIn: true,
    path: '/staff/projects/1/people',
    actions: [fill(/name, email or phone/i, 'a'), submit('Search the register')],
    expect: { text: /to the project/ },
  },
  {
    name: 'a project, closing without the rung reached',
    signedIn: true,
    path: '/staff/projects/1/close',
    actions: [submit('Close the project')],
    expect: ERRORS,
  },
];
