/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "pb-account-private.h"
#include "pb-account-store.h"
#include "pb-client.h"
#include "pb-test-server.h"
#include "pb-test-util.h"

G_BEGIN_DECLS

/* What test-account, test-account-keyring and test-oauth-token share. They run against the
 * session's real keyring (build-aux/test-session.sh). Other test programs may store accounts
 * in it at the same time, so every check looks for its own account ids. */

/* The test program itself, to run it again in a child mode. */
extern char *self_path;

/* g_test_init(), with every log line of the process (debug included) kept, so that the last
 * test can check that no secret from random_secret() is in one. */
void          test_account_init           (int                 *argc,
                                           char              ***argv);
/* A test: none of the secrets made so far is in this process's log. Add it last. */
void          test_secret_not_in_own_logs (void);
/* Whether a line this process logged so far (debug included) contains `text`. */
gboolean      own_logs_contain            (const char          *text);
/* A new secret, remembered for test_secret_not_in_own_logs(). */
char         *random_secret               (const char          *prefix);

/* Async calls, waited for */
char         *get_token                   (PbAccount           *account,
                                           gboolean             renew,
                                           GError             **error);
gboolean      load_store                  (PbAccountStore      *store,
                                           GError             **error);
PbAccount    *save_account                (PbAccountStore      *store,
                                           PbAccount           *account,
                                           GError             **error);
gboolean      remove_account              (PbAccountStore      *store,
                                           PbAccount           *account,
                                           GError             **error);
gboolean      load_secret                 (PbAccount           *account,
                                           GError             **error);

/* The keyring items of an account, found without unlocking anything. */
GList        *find_items                  (const char          *account_id);
guint         count_items                 (const char          *account_id);
char         *lookup_secret               (const char          *account_id);

PbAccount    *new_api_key_account         (const char          *name,
                                           const char          *client_id,
                                           const char          *secret);

/* A "notify" handler that counts in a guint (user_data). */
void          count_notify                (GObject             *object,
                                           GParamSpec          *pspec,
                                           gpointer             user_data);

/* A token endpoint on loopback */
typedef struct
{
  SoupServer *server;
  char       *url;
  guint       n_requests;
  GHashTable *form;
  char       *method;
  char       *content_type;
  char       *authorization;
  guint       status;
  char       *body;
  gint64      expires_in;
} TokenServer;

TokenServer  *token_server_new            (void);
void          token_server_free           (TokenServer         *ts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TokenServer, token_server_free)
/* An API key account whose token endpoint is `ts`. */
PbAccount    *new_account_for             (TokenServer         *ts,
                                           const char          *secret);

/* Runs the test program itself in another mode and returns what it printed. */
char         *run_child                   (const char * const  *argv,
                                           const char          *input,
                                           GHashTable          *env,
                                           int                 *status);

/* Runs the test program itself with `args` (its child mode and that mode's arguments) inside
 * `dbus-run-session` on a bus of its own, where nothing can be started on demand: no keyring,
 * not even a password prompt, unless the child starts one (start_private_keyring()). With
 * `own_folders`, in throwaway XDG folders (for a keyring of its own). Returns what it printed;
 * `status`: its exit status. */
char         *run_child_on_private_bus    (const char * const  *args,
                                           gboolean             own_folders,
                                           int                 *status);
/* In such a child: starts a keyring of its own, unlocked, on its bus; returns its pid (kill
 * it before the child ends). */
GPid          start_private_keyring       (void);
/* Locks the default collection of the keyring; returns whether it was locked. */
gboolean      lock_default_collection     (void);

G_END_DECLS
