/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-client"

#include "config.h"

#include <string.h>

#include "test-client-util.h"

void
result_clear (Result *result)
{
  g_clear_error (&result->error);
  g_clear_pointer (&result->list, g_ptr_array_unref);
  g_clear_object (&result->connection);
  g_clear_pointer (&result->report, g_free);
  g_clear_object (&result->test_report);
  result->signed_in = FALSE;
  g_clear_pointer (&result->pages, g_ptr_array_unref);
  g_clear_object (&result->cancel_after_page);
  result->cancel_at = 0;
  result->done = FALSE;
}

void
page_cb (GPtrArray *connections,
         gpointer   user_data)
{
  Result *result = user_data;

  /* Never after the end. */
  g_assert_false (result->done);
  g_assert_nonnull (connections);
  g_assert_cmpuint (connections->len, >, 0);

  g_ptr_array_add (result->pages, g_ptr_array_ref (connections));
  if (result->server != NULL)
    result->server->pages_delivered++;

  if (result->cancel_after_page != NULL && result->pages->len == result->cancel_at)
    g_cancellable_cancel (result->cancel_after_page);
}

void
list_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->list = pb_client_list_connections_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->list == NULL) != (result->error == NULL));
  result->done = TRUE;
}

void
get_cb (GObject      *object,
        GAsyncResult *res,
        gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->connection = pb_client_get_connection_finish (PB_CLIENT (object), res,
                                                        &result->error);
  g_assert_true ((result->connection == NULL) != (result->error == NULL));
  result->done = TRUE;
}

void
test_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->report = pb_client_test_connection_finish (PB_CLIENT (object), res, &result->error);
  g_assert_true ((result->report == NULL) != (result->error == NULL));
  result->done = TRUE;
}

void
check_sign_in_sync (PbClient *client,
                    Result   *result)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_client_check_sign_in_async (client, NULL, pb_test_waiter_cb, &waiter);
  result->signed_in = pb_client_check_sign_in_finish (client, pb_test_waiter_wait (&waiter),
                                                      &result->error);
  g_assert_true (result->signed_in != (result->error != NULL));
  result->done = TRUE;
}

void
run_test_sync (PbClient     *client,
               PbConnection *connection,
               Result       *result)
{
  g_auto(PbTestWaiter) waiter = { 0 };

  pb_client_run_test_async (client, connection, NULL, pb_test_waiter_cb, &waiter);
  result->test_report = pb_client_run_test_finish (client, pb_test_waiter_wait (&waiter),
                                                   &result->error);
  g_assert_true ((result->test_report == NULL) != (result->error == NULL));
  result->done = TRUE;
}

void
list_sync (PbClient     *client,
           Result       *result,
           GCancellable *cancellable)
{
  result->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  pb_client_list_connections_async (client, page_cb, result, NULL, cancellable, list_cb, result);
  pb_test_wait_for_flag (&result->done);
}

void
get_sync (PbClient   *client,
          const char *ref,
          Result     *result)
{
  pb_client_get_connection_async (client, ref, NULL, get_cb, result);
  pb_test_wait_for_flag (&result->done);
}

PbClient *
client_for (PbTestServer *server)
{
  PbClient *client = pb_client_new (server->base_url);

  pb_client_set_access_token (client, TOKEN);
  return client;
}

void
client_fixture_set_up (ClientFixture *fixture,
                       gconstpointer  data)
{
  fixture->server = pb_test_server_new (FALSE);
  fixture->client = client_for (fixture->server);
}

void
client_fixture_tear_down (ClientFixture *fixture,
                          gconstpointer  data)
{
  pb_test_assert_finalized (g_steal_pointer (&fixture->client));
  g_clear_pointer (&fixture->server, pb_test_server_free);
}

/* The refs of a list, in order, must be those of items first..first+n-1. */
void
assert_refs (PbTestServer *server,
             GPtrArray  *connections,
             guint       first,
             guint       n)
{
  g_assert_cmpuint (connections->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ref = pb_test_server_item_ref (server, first + i);

      g_assert_cmpstr (pb_connection_get_ref (g_ptr_array_index (connections, i)), ==, ref);
    }
}

/* What a person reads must never show the token or raw markup. */
void
assert_clean_message (const GError *error)
{
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_null (strstr (error->message, TOKEN));
  g_assert_null (strchr (error->message, '<'));
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), >, 10);
}

/* {{{ Token source */

static void test_token_source_iface_init (PbTokenSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestTokenSource, test_token_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (PB_TYPE_TOKEN_SOURCE,
                                                      test_token_source_iface_init))

static void
test_token_source_get_token_async (PbTokenSource       *source,
                                   gboolean             renew,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  if (!renew)
    {
      self->n_get++;
      g_task_return_pointer (task, g_strdup (self->token), g_free);
    }
  else
    {
      self->n_renew++;
      if (self->renewed_token != NULL)
        g_task_return_pointer (task, g_strdup (self->renewed_token), g_free);
      else
        g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                                 "A pasted token cannot be renewed.");
    }
}

static char *
test_token_source_get_token_finish (PbTokenSource  *source,
                                    GAsyncResult   *result,
                                    GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_token_source_iface_init (PbTokenSourceInterface *iface)
{
  iface->get_token_async = test_token_source_get_token_async;
  iface->get_token_finish = test_token_source_get_token_finish;
}

static void
test_token_source_finalize (GObject *object)
{
  TestTokenSource *self = TEST_TOKEN_SOURCE (object);

  g_free (self->token);
  g_free (self->renewed_token);
  G_OBJECT_CLASS (test_token_source_parent_class)->finalize (object);
}

static void
test_token_source_class_init (TestTokenSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_token_source_finalize;
}

static void
test_token_source_init (TestTokenSource *self)
{
}

/* }}} */
