/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-client.h"
#include "pb-client-private.h"
#include "pb-connection.h"
#include "pb-test-server.h"
#include "pb-test-util.h"

G_BEGIN_DECLS

/* What test-client, test-client-paging and test-client-errors share: the results of the
 * client's calls, and calls that wait for them. */

#define TOKEN "secret-token-4f1d9a"

typedef struct
{
  gboolean      done;
  GError       *error;
  GPtrArray    *list;
  PbConnection *connection;
  char         *report;
  PbTestReport *test_report;
  gboolean      signed_in;

  PbTestServer *server;       /* told about delivered pages */
  GPtrArray    *pages;        /* copies of the arrays given to page_func */
  gboolean      finished_seen;
  GCancellable *cancel_after_page; /* cancelled in page_func once pages->len reaches… */
  guint         cancel_at;
} Result;

void      result_clear         (Result        *result);

/* A PbClientPageFunc that keeps the pages in result->pages (and may cancel, see Result). */
void      page_cb              (GPtrArray     *connections,
                                gpointer       user_data);
/* GAsyncReadyCallbacks that finish a call into the Result in user_data and set `done`. */
void      list_cb              (GObject       *object,
                                GAsyncResult  *res,
                                gpointer       user_data);
void      get_cb               (GObject       *object,
                                GAsyncResult  *res,
                                gpointer       user_data);
void      test_cb              (GObject       *object,
                                GAsyncResult  *res,
                                gpointer       user_data);

/* The calls, waited for. */
void      check_sign_in_sync   (PbClient      *client,
                                Result        *result);
void      run_test_sync        (PbClient      *client,
                                PbConnection  *connection,
                                Result        *result);
void      list_sync            (PbClient      *client,
                                Result        *result,
                                GCancellable  *cancellable);
void      get_sync             (PbClient      *client,
                                const char    *ref,
                                Result        *result);

/* A client of `server` with the fixed token TOKEN. */
PbClient *client_for           (PbTestServer  *server);

/* What most cases start with: the test server (HTTP) and a client of it. Tearing down checks
 * that the client is freed once what it still runs has ended. */
typedef struct
{
  PbTestServer *server;
  PbClient     *client;
} ClientFixture;

void      client_fixture_set_up    (ClientFixture *fixture,
                                    gconstpointer  data);
void      client_fixture_tear_down (ClientFixture *fixture,
                                    gconstpointer  data);

#define client_test_add(path, func) \
  g_test_add (path, ClientFixture, NULL, client_fixture_set_up, func, client_fixture_tear_down)

/* The refs of a list, in order, must be those of items first..first+n-1. */
void      assert_refs          (PbTestServer  *server,
                                GPtrArray     *connections,
                                guint          first,
                                guint          n);
/* What a person reads must never show the token or raw markup. */
void      assert_clean_message (const GError  *error);

/* A token source that gives `token`, and `renewed_token` when asked to renew (NULL: renewing
 * fails), counting both. */
#define TEST_TYPE_TOKEN_SOURCE (test_token_source_get_type ())
G_DECLARE_FINAL_TYPE (TestTokenSource, test_token_source, TEST, TOKEN_SOURCE, GObject)

struct _TestTokenSource
{
  GObject   parent_instance;
  char     *token;
  char     *renewed_token;  /* NULL: renewing fails */
  guint     n_get;
  guint     n_renew;
};

G_END_DECLS
