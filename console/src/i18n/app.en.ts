/**
 * The console's own messages, English. This object is the reference: app.ja.ts is typed
 * against it, so a key missing in Japanese is a type error.
 */
export const appEnglish = {
  ajimi: {
    app_title: 'Ajimi Console',
    roles: {
      learner: 'Learner (cook)',
      coach: 'Chef-coach',
      content: 'Content staff',
      admin: 'Admin',
    },
    locales: {
      ja: 'Japanese',
      en: 'English',
    },
    auth: {
      email: 'Email',
      learner_refused:
        'This console is for coaches and staff. Cooks, please use the Ajimi app to see your coaching.',
      not_accepted:
        'You signed in, but this account cannot use the console (it is disabled or not set up yet). Please contact an administrator.',
      clerk_unavailable: 'The sign-in form could not be loaded (Clerk cannot be reached). Check your connection and reload the page.',
      switch_account: 'Sign out and sign in with a staff account (this also signs you out of the app)',
      network_error: 'Cannot reach the server. Check your connection and try again.',
      rate_limited: 'Too many sign-in attempts. Please wait a moment and try again.',
      unexpected_response: 'The server sent an unexpected response. Please try again later.',
    },
    login: {
      subtitle: 'For chef-coaches, content staff and admins',
    },
    dashboard: {
      greeting: 'Welcome, %{name}',
      signed_in_as: 'You are signed in as %{role} (%{email}).',
      intro:
        'Here is what the console does for your role. In the review workspace, press ? for keyboard shortcuts.',
      available: 'Available',
      coming: 'Coming',
      open: 'Open',
      sections: {
        review_queue: {
          title: 'Review queue',
          body: 'Coaching-video drafts from the pipeline wait here. Claim an item, watch the cook’s video on a timeline with the AI’s candidate moments, edit the narration script, pick another key moment, re-render, and approve delivery or send it back.',
        },
        coach_chat: {
          title: 'Answer cooks',
          body: 'Reply as a human in a cook’s coaching chat when they ask a follow-up question.',
        },
        knowledge_base: {
          title: 'Knowledge base',
          body: 'Write and edit cooking principles (Markdown plus structured fields) and see the embedding status of each one.',
        },
        dishes: {
          title: 'Dishes',
          body: 'Edit each dish: its names, the rubric the analyzer measures against and its core principle, with every version kept.',
        },
        retrieval_test: {
          title: 'Retrieval test',
          body: 'Ask a question and see which principles retrieval returns, before the coaching pipeline uses them.',
        },
        users: {
          title: 'Users and roles',
          body: 'Create accounts, change roles and languages, and disable accounts.',
        },
        operations: {
          title: 'Operations',
          body: 'Pipeline health, failed jobs with retries, and the audit log.',
        },
      },
    },
  },
  resources: {
    users: {
      name: 'User |||| Users',
      fields: {
        id: 'ID',
        email: 'Email',
        name: 'Name',
        role: 'Role',
        locale: 'Language',
        disabled: 'Disabled',
        created_at: 'Created',
        password: 'Password',
        q: 'Search',
      },
      helpers: {
        password: 'At least 12 characters.',
        disabled: 'A disabled account cannot sign in.',
        email: 'The email address cannot be changed.',
      },
    },
  },
};

export type AppMessages = typeof appEnglish;
