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
// select(label, optionText), submit(buttonName?), followLink(name), open(path),
// upload(label, file), expand(summaryText), openLinkFrom(selector),
// inAnotherTab(...actions).
// expect: { selector, status, text } — all optional.
//
// States run in this order, after the crawl, on one demo server: a state
// may change what later ones find (an approved claim, a payment run made).
import {
  fill, submit, followLink, check, select, open, upload, expand, openLinkFrom, inAnotherTab,
} from './lib/actions.mjs';

export const STAFF_EMAIL = 'admin@northshire-council.example';
export const FINANCE_EMAIL = 'finance@northshire-council.example';

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

// Dates as people type them: one a week ago, one next year.
const ukDate = (d) => `${d.getDate()}/${d.getMonth() + 1}/${d.getFullYear()}`;
export const LAST_WEEK = ukDate(new Date(Date.now() - 7 * 24 * 60 * 60 * 1000));
export const NEXT_YEAR = ukDate(new Date(Date.now() + 365 * 24 * 60 * 60 * 1000));

// The demo register's third person has no email address, so their payments
// page shows their personal link to claim expenses.
export const NO_EMAIL_PAYMENTS = '/staff/people/3/payments';

// A claim with every answer wrong that the form can catch at once.
const wrongClaim = (who) => [
  check(/bus, train or tram fares/i),
  fill(new RegExp(`when did ${who} spend`, 'i'), NEXT_YEAR),
  fill(/how much was spent/i, '-4.50'),
  fill(/what was the money for/i, 'Bus to the forum'),
];

const payments = [
  {
    name: 'add a rate, sent empty',
    signedIn: true,
    path: '/staff/payments/rates/new',
    actions: [submit('Add the rate')],
    expect: ERRORS,
  },
  {
    name: 'add a rate, a fee with an amount that is not money and a date that is not real',
    signedIn: true,
    path: '/staff/payments',
    actions: [
      followLink(/^add a rate$/i),
      check(/a fee for a role/i),
      fill(/^role$/i, 'Forum member'),
      check(/^per hour$/i),
      fill(/^amount$/i, 'twelve pounds'),
      fill(/date the rate starts/i, '31/02/2027'),
      submit('Add the rate'),
    ],
    expect: { selector: '#amount-error' },
  },
  {
    name: 'a fee, rejected without a reason',
    signedIn: true,
    path: '/staff/payments/fees?status=submitted',
    actions: [followLink(/^FEE-\d+$/), submit('Reject the fee')],
    expect: { selector: '#rejection_reason-error' },
  },
  {
    name: 'a fee, amount set by hand without a reason',
    signedIn: true,
    path: '/staff/payments/fees?status=submitted',
    actions: [followLink(/^FEE-\d+$/), fill(/set the amount by hand/i, '12.00'), submit('Save the change')],
    expect: { selector: '#reason-error' },
  },
  {
    name: 'a fee, a smaller amount chosen without the amount',
    signedIn: true,
    path: '/staff/payments/fees?status=submitted',
    actions: [followLink(/^FEE-\d+$/), check(/^take a smaller amount$/i), submit('Save the change')],
    expect: { selector: '#reduced-error' },
  },
  {
    name: 'a fee, approved while someone else approved it',
    signedIn: true,
    path: '/staff/payments/fees?status=submitted',
    actions: [
      followLink(/^FEE-\d+$/),
      inAnotherTab(submit(/^approve the fee/i)),
      submit(/^approve the fee/i),
    ],
    expect: { status: 409, selector: '.govuk-error-summary' },
  },
  {
    name: 'a fee, approved',
    signedIn: true,
    path: '/staff/payments/fees?status=submitted',
    actions: [followLink(/^FEE-\d+$/), submit(/^approve the fee/i)],
    expect: { selector: '.govuk-notification-banner--success' },
  },
  {
    name: 'an expenses claim, rejected without a reason',
    signedIn: true,
    path: '/staff/payments/claims?status=submitted',
    actions: [followLink(/^EXP-\d+$/), submit('Reject the claim')],
    expect: { selector: '#reason-error' },
  },
  {
    name: 'an expenses claim, approved while someone else approved it',
    signedIn: true,
    path: '/staff/payments/claims?status=submitted',
    actions: [
      followLink(/^EXP-\d+$/),
      inAnotherTab(submit(/^approve the claim/i)),
      submit(/^approve the claim/i),
    ],
    expect: { status: 409, selector: '.govuk-error-summary' },
  },
  {
    name: 'claim expenses for someone, sent empty',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [followLink(/^claim expenses for/i), submit('Send the claim')],
    expect: ERRORS,
  },
  {
    name: 'claim expenses for someone, a negative amount, a day in the future and no declaration',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [followLink(/^claim expenses for/i), ...wrongClaim('they'), submit('Send the claim')],
    expect: { selector: 'form:has(#date-error):has(#amount-error):has(#declaration-error)' },
  },
  {
    name: 'claim expenses for someone, mileage without the miles',
    signedIn: true,
    path: '/staff/people/2',
    actions: [
      followLink(/^claim expenses for/i),
      check(/mileage in your own vehicle/i),
      fill(/when did they spend/i, LAST_WEEK),
      fill(/what was the money for/i, 'Drove to the forum and back'),
      check(/they told me this claim is true/i),
      submit('Send the claim'),
    ],
    expect: { selector: '#miles-error' },
  },
  {
    name: 'a personal link to claim expenses, sent empty',
    signedIn: true,
    path: NO_EMAIL_PAYMENTS,
    actions: [openLinkFrom('#claim-link-address'), submit('Send the claim')],
    expect: ERRORS,
  },
  {
    name: 'a personal link to claim expenses, a negative amount, a day in the future and no declaration',
    signedIn: true,
    path: NO_EMAIL_PAYMENTS,
    actions: [openLinkFrom('#claim-link-address'), ...wrongClaim('you'), submit('Send the claim')],
    expect: { selector: 'form:has(#date-error):has(#amount-error):has(#declaration-error)' },
  },
  {
    name: 'a personal link to claim expenses, claim sent',
    signedIn: true,
    path: NO_EMAIL_PAYMENTS,
    actions: [
      openLinkFrom('#claim-link-address'),
      check(/care or support cover/i),
      fill(/when did you spend/i, LAST_WEEK),
      fill(/how much was spent/i, '30.00'),
      fill(/what was the money for/i, 'Two hours of cover for my mother while I was at the forum'),
      check(/this claim is true/i),
      submit('Send the claim'),
    ],
    expect: { selector: '.govuk-panel--confirmation', text: /We have your claim/ },
  },
  {
    name: 'a personal link to claim expenses, with the claims made',
    signedIn: true,
    path: NO_EMAIL_PAYMENTS,
    actions: [openLinkFrom('#claim-link-address')],
    expect: { selector: '#your-claims + .app-table-scroll table' },
  },
  {
    name: 'a personal link to claim expenses with one character changed',
    signedIn: false,
    path: '/claim/3.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    actions: [],
    expect: { status: 404, selector: 'h1', text: /This link does not work/ },
  },
  {
    name: 'a person\'s payments, the claim made for them',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [
      followLink(/^claim expenses for/i),
      check(/bus, train or tram fares/i),
      fill(/when did they spend/i, LAST_WEEK),
      fill(/how much was spent/i, '6.40'),
      fill(/what was the money for/i, 'Bus to the forum and back, day ticket'),
      check(/they told me this claim is true/i),
      submit('Send the claim'),
    ],
    expect: { selector: '.govuk-notification-banner--success', text: /expenses claim is saved/ },
  },
  {
    name: 'a person\'s payments, their link to claim emailed',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [submit(/^email .* a link to claim expenses$/i)],
    expect: { selector: '.govuk-notification-banner--success', text: /emailing them their link/ },
  },
  {
    name: 'how someone wants to be paid, a smaller amount without the amount and a date that is not real',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [
      followLink(/^change what they want to do with their fees$/i),
      check(/^take a smaller amount$/i),
      fill(/date benefits advice was offered/i, '31/02/2026'),
      submit('Save their choice'),
    ],
    expect: { selector: '#reduced-error' },
  },
  {
    name: 'how someone wants to be paid, saved',
    signedIn: true,
    path: '/staff/people/2/payments/preferences',
    actions: [check(/^give the fee to a charity$/i), fill(/the charity's name/i, 'Northshire Carers Centre'), submit('Save their choice')],
    expect: { selector: '.govuk-notification-banner--success' },
  },
  {
    name: 'an earnings limit, sent empty',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [submit('Add the limit')],
    expect: ERRORS,
  },
  {
    name: 'an earnings limit, added',
    signedIn: true,
    path: NO_EMAIL_PAYMENTS,
    actions: [
      fill(/what the limit is for/i, 'Permitted work (their own figure)'),
      fill(/the most they can earn/i, '50'),
      check(/^each week$/i),
      submit('Add the limit'),
    ],
    expect: { selector: '.govuk-notification-banner--success', text: /earnings limit is saved/ },
  },
  {
    name: 'an activity\'s payments, a smaller amount chosen without the amount',
    signedIn: true,
    path: '/staff/activities/7/payments',
    actions: [
      expand(/record a choice for this activity/i),
      check(/^take a smaller amount$/i),
      submit(/^save the choice/i),
    ],
    expect: ERRORS,
  },
  {
    name: 'an activity\'s payments, fees worked out before anyone attended',
    signedIn: true,
    path: '/staff/activities/7/payments',
    actions: [submit(/work out fees from attendance/i)],
    expect: { selector: '#work-out-error' },
  },
  {
    name: 'a statement of payments for the last tax year',
    signedIn: true,
    path: '/staff/people/1/payments',
    actions: [followLink(/^see the \d{4} to \d{4} tax year$/i), followLink(/^printable statement/i)],
    expect: { selector: 'h1', text: /Statement of payments/ },
  },
  {
    name: 'how quickly people are paid, a target of 0 days',
    signedIn: true,
    path: '/staff/payments/report',
    actions: [fill(/days to pay people within/i, '0'), submit('Change the target')],
    expect: { selector: '#payment_target_days-error' },
  },
  {
    name: 'a payment run, recorded as paid without a date',
    signedIn: FINANCE_EMAIL,
    path: '/staff/payments/runs',
    actions: [followLink(/^payment run \d+$/i), submit('Record as paid')],
    expect: { selector: '#paid_on-error' },
  },
  {
    name: 'a payment run, a confirmation file with the wrong columns',
    signedIn: FINANCE_EMAIL,
    path: '/staff/payments/runs',
    actions: [
      followLink(/^payment run \d+$/i),
      upload(/confirmation file/i, 'fixtures/register.csv'),
      submit('Upload the confirmation file'),
    ],
    expect: { selector: '#file-error' },
  },
  {
    name: 'a payment run, made while someone else made one',
    signedIn: FINANCE_EMAIL,
    path: '/staff/payments/runs/new',
    actions: [
      inAnotherTab(submit(/^make the payment run/i)),
      submit(/^make the payment run/i),
    ],
    expect: { status: 409, selector: '.govuk-error-summary' },
  },
  {
    name: 'a payment run, made',
    signedIn: FINANCE_EMAIL,
    path: '/staff/payments/claims?status=submitted',
    actions: [
      followLink(/^EXP-\d+$/),
      submit(/^approve the claim/i),
      open('/staff/payments/runs/new'),
      submit(/^make the payment run/i),
    ],
    expect: { selector: '.govuk-notification-banner--success', text: /payment run has been made/ },
  },
];

// The insights library, "you said, we did" and "has this already been
// asked?". The states add their own insight and entry, with titles no demo
// record has, so that later states can find them by name.
export const INSIGHT_TITLE = 'Browser check: buses to the day centre in the evening';
export const SAID_THEME = 'Browser check: evening buses';
const NHS_PARTNER = 'partner@northshire-nhs.example';

// Every answer an insight needs, except who may see it.
const insightAnswers = (title) => [
  fill(/^title$/i, title),
  fill(/summary in plain english/i, 'People said the last bus leaves before the evening groups end.'),
  fill(/^findings$/i, 'Twelve people came to the evening group.\n\nMost of them said they leave early to catch the last bus home.'),
  check(/^a survey$/i),
  check(/^involvement$/i),
  check(/^engagement$/i),
  fill(/how many people took part/i, '12'),
  check(/^transport and getting about$/i),
];

// Opens the insight the states added, from a search for its title.
const openOurInsight = [open(`/staff/insights?q=${encodeURIComponent('evening day centre buses')}`), followLink(INSIGHT_TITLE)];

// Opens the entry the states added, from the list of our planned ones.
const openOurEntry = [open('/staff/you-said-we-did?organisation=northshire-council'), followLink(new RegExp(`^${SAID_THEME}`))];

// A project whose title and summary match demo insights about buses.
const projectLikeTheLibrary = [
  fill(/^title$/i, 'Getting to day services by bus'),
  fill(/^summary$/i, 'We want to hear how people travel to day centres, and what goes wrong with the buses.'),
  select(/^service area$/i, 'Day services and things to do'),
  check(/^strategic$/i),
  check(/^co-design$/i),
  fill(/why this rung/i, 'People who use day services will plan the changes with us.'),
  submit(),
];

const insights = [
  {
    name: 'insights library, words and a topic, with the words marked in the results',
    signedIn: true,
    path: '/staff/insights',
    actions: [fill(/words to search for/i, 'bus'), select(/^topic$/i, 'Transport and getting about'), submit('Search')],
    expect: { selector: '.app-project-list mark', text: /insights? found/ },
  },
  {
    name: 'insights library, a search that finds nothing',
    signedIn: true,
    path: '/staff/insights',
    actions: [fill(/words to search for/i, 'xylophone quartz'), submit('Search')],
    expect: { selector: '#found', text: /No insights match/ },
  },
  {
    name: 'insights library, a date that is not real',
    signedIn: true,
    path: '/staff/insights',
    actions: [fill(/^from$/i, '31/02/2026'), submit('Search')],
    expect: { selector: '.govuk-error-summary a[href="#from"]' },
  },
  {
    name: 'add an insight, sent empty',
    signedIn: true,
    path: '/staff/insights/new',
    actions: [submit()],
    expect: { status: 422, selector: '.govuk-error-summary' },
  },
  {
    name: 'add an insight, public without people agreeing to reuse',
    signedIn: true,
    path: '/staff/insights/new',
    actions: [...insightAnswers('Browser check: public without agreement'), check(/^anyone, on the public website$/i), submit()],
    expect: { status: 422, selector: '#visibility-error' },
  },
  {
    name: 'add an insight, shared with the partnership',
    signedIn: true,
    path: '/staff/insights/new',
    actions: [...insightAnswers(INSIGHT_TITLE), check(/^everyone in the partnership$/i), submit()],
    expect: { selector: '.govuk-notification-banner--success', text: /added to the library/ },
  },
  {
    name: 'an insight, a file that is not really a PDF',
    signedIn: true,
    path: '/staff/insights',
    actions: [...openOurInsight, upload(/attach a file/i, 'fixtures/not-a-pdf.pdf'), submit('Attach the file')],
    expect: { status: 422, selector: '#file-error' },
  },
  {
    name: 'an insight, a spreadsheet attached',
    signedIn: true,
    path: '/staff/insights',
    actions: [...openOurInsight, upload(/attach a file/i, 'fixtures/register.csv'), submit('Attach the file')],
    expect: { selector: '#files + .app-table-scroll table', text: /The file has been attached/ },
  },
  {
    name: 'an insight, its file removed',
    signedIn: true,
    path: '/staff/insights',
    actions: [...openOurInsight, submit(/^remove register\.csv$/i)],
    expect: { text: /The file has been removed/ },
  },
  {
    name: 'an insight, change it sent with the title emptied',
    signedIn: true,
    path: '/staff/insights',
    actions: [...openOurInsight, followLink(/^change the insight$/i), fill(/^title$/i, ''), submit()],
    expect: { status: 422, selector: '#title-error' },
  },
  {
    name: 'an insight seen by another organisation\'s partner',
    signedIn: NHS_PARTNER,
    path: '/staff/insights',
    actions: openOurInsight,
    expect: { selector: 'h1', text: /Northshire Council/ },
  },
  {
    // The demo council keeps insight 56 (buses to day services in Ashby
    // Vale) to itself: to anyone else it does not exist.
    name: 'an insight kept to one organisation, opened by another organisation\'s partner',
    signedIn: NHS_PARTNER,
    path: '/staff/insights/56',
    actions: [],
    expect: { status: 404, selector: 'h1' },
  },
  {
    name: 'you said, we did: add, sent empty',
    signedIn: true,
    path: '/staff/you-said-we-did/new',
    actions: [submit('Save')],
    expect: { status: 422, selector: '.govuk-error-summary' },
  },
  {
    // Without JavaScript, a button brings the form back with the people who
    // came to the chosen activity (the demo's first activity had people).
    name: 'you said, we did: add, with the people from an activity shown',
    signedIn: true,
    path: '/staff/you-said-we-did/new?activity=1',
    actions: [fill(/what people said/i, 'The room was too cold.'), submit('Show people from this activity')],
    expect: { selector: 'form:has(#activity option[value="1"][selected]) fieldset input[name="listeners"]' },
  },
  {
    name: 'you said, we did: added for an insight',
    signedIn: true,
    path: '/staff/you-said-we-did/new',
    actions: [
      fill(/what people said/i, 'The last bus leaves before the evening group ends.'),
      fill(/^theme$/i, SAID_THEME),
      select(/the insight it came from/i, `${INSIGHT_TITLE} (Northshire Council)`),
      check(/^transport and getting about$/i),
      fill(/what we did or will do/i, 'We will ask the bus company to run a later bus on group nights.'),
      fill(/who is responsible/i, 'Transport commissioner'),
      check(/^planned$/i),
      submit('Save'),
    ],
    expect: { selector: 'h1', text: /Browser check: evening buses/ },
  },
  {
    name: 'you said, we did: not possible without a reason',
    signedIn: true,
    path: '/staff/you-said-we-did',
    actions: [...openOurEntry, check(/^not possible$/i), submit('Save the status')],
    expect: { status: 422, selector: '#reason-error' },
  },
  {
    name: 'you said, we did: the status changed',
    signedIn: true,
    path: '/staff/you-said-we-did',
    actions: [...openOurEntry, check(/^in progress$/i), submit('Save the status')],
    expect: { selector: '.govuk-notification-banner--success' },
  },
  {
    name: 'you said, we did: changed while someone else changed the status',
    signedIn: true,
    path: '/staff/you-said-we-did',
    actions: [...openOurEntry, inAnotherTab(check(/^done$/i), submit('Save the status')), check(/^planned$/i), submit('Save the status')],
    expect: { status: 409, selector: '.govuk-error-summary' },
  },
  {
    name: 'has this already been asked, a new project like work in the library',
    signedIn: true,
    path: '/staff/projects/new',
    actions: projectLikeTheLibrary,
    expect: { selector: '#found-insights + ul a', text: /Has this already been asked\?/ },
  },
  {
    name: 'has this already been asked, reuse without a note',
    signedIn: true,
    path: '/staff/projects/new',
    actions: [...projectLikeTheLibrary, check(/^reuse what we already know/i), submit('Save and continue')],
    expect: { status: 422, selector: '#note-error' },
  },
  {
    name: 'has this already been asked, a new survey',
    signedIn: true,
    path: '/staff/activities/new',
    actions: [
      check(/^survey$/i),
      fill(/^title$/i, 'Survey: getting to day centres by bus'),
      fill(/^description$/i, 'Tell us how you travel to the day centre and what goes wrong with the buses.'),
      fill(/^date$/i, '12/1/2031'),
      fill(/^start time$/i, '10:00'),
      fill(/^end time$/i, '11:00'),
      fill(/online link/i, 'https://example.com/day-centre-survey'),
      fill(/number of places/i, '40'),
      submit(),
    ],
    expect: { selector: 'h1', text: /Has this already been asked\?/ },
  },
  {
    name: 'what people told us, searched with words',
    signedIn: false,
    path: '/insights',
    actions: [fill(/words to search for/i, 'care home'), submit('Search')],
    expect: { selector: '.app-project-list mark' },
  },
  {
    name: 'what people told us, one insight',
    signedIn: false,
    path: '/insights',
    actions: [fill(/words to search for/i, 'care home'), submit('Search'), followLink(/^what residents said on our care home quality check/i)],
    expect: { selector: '#you-said-we-did' },
  },
  {
    name: 'what people told us, a staff-only insight is not found',
    signedIn: false,
    path: '/insights?q=browser',
    actions: [],
    expect: { text: /No insights match/ },
  },
  {
    name: 'you said, we did on the public website, filtered by a topic',
    signedIn: false,
    path: '/you-said-we-did',
    actions: [select(/^topic$/i, 'Transport and getting about'), submit('Apply filters')],
    expect: { selector: '.app-project-list', text: /Transport/ },
  },
  {
    name: 'you said, we did on the public website, one entry',
    signedIn: false,
    path: '/you-said-we-did?topic=transport',
    actions: [followLink(/^transport\b/i)],
    expect: { selector: '.app-history' },
  },
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
  {
    name: 'a reply link with one character changed',
    signedIn: false,
    path: '/reply/1.accept.9999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    actions: [],
    expect: { status: 400, selector: 'h1', text: /This link does not work/ },
  },
  {
    name: 'activities anyone can join',
    signedIn: false,
    path: '/get-involved/opportunities',
    actions: [],
    expect: { selector: 'h1', text: /Activities you can join/ },
  },
  {
    name: 'your calendar feed, a new address shown once',
    signedIn: true,
    path: '/staff/calendar',
    actions: [submit(/make (a new|an) address/i)],
    expect: { selector: '#feed-address' },
  },
  {
    name: 'plan an activity, sent empty',
    signedIn: true,
    path: '/staff/activities/new',
    actions: [submit()],
    expect: ERRORS,
  },
  {
    name: 'plan an activity, end before start and a link that is not a web address',
    signedIn: true,
    path: '/staff/activities/new',
    actions: [
      check(/^workshop$/i),
      fill(/^title$/i, 'Evening planning session'),
      fill(/^description$/i, 'We plan the year together.'),
      fill(/^date$/i, '12/1/2031'),
      fill(/^start time$/i, '18:00'),
      fill(/^end time$/i, '17:00'),
      fill(/online link/i, 'not a link'),
      fill(/number of places/i, '6'),
      submit(),
    ],
    expect: ERRORS,
  },
  {
    name: 'an activity, people found on the register to invite',
    signedIn: true,
    path: '/staff/activities/7?q=a',
    actions: [],
    expect: { text: /Invite the people chosen/ },
  },
  {
    name: 'an activity, invite sent with nobody chosen',
    signedIn: true,
    path: '/staff/activities/7',
    actions: [submit(/invite the people chosen/i)],
    expect: ERRORS,
  },
  ...payments,
  ...insights,
];
