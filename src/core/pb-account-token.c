/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-account"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pb-account-private.h"
#include "pb-client.h"
#include "pb-http.h"
#include "pb-oauth-token.h"

/* An account as a PbTokenSource: a pasted access token is handed out as it is; with an API key,
 * a token is minted at the token endpoint (pb-oauth-token.c), kept in memory until shortly
 * before it runs out, and shared by every call that asks while it is being minted. */

/* Renew a minted token this long before it runs out: a tenth of its lifetime, between 1 and
 * 60 seconds (so a token that lives 1 s is renewed on the next call). */
#define RENEW_MARGIN_MAX_S      60
#define TOKEN_TIMEOUT_S         30
#define MAX_TOKEN_LIFETIME_S    (366 * 24 * 60 * 60)

static gboolean
token_is_fresh (PbAccount *self)
{
  if (self->token == NULL)
    return FALSE;

  if (self->token_expires == 0)
    return TRUE;

  return g_get_real_time () + self->token_margin * G_USEC_PER_SEC < self->token_expires;
}

static void
complete_waiters (PbAccount    *self,
                  const char   *token,
                  const GError *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->waiters);

  self->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->requesting = FALSE;

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_pointer (task, g_strdup (token), g_free);
    }
}

typedef struct
{
  PbAccount *self;
  guint      generation;
} RequestData;

static void
token_minted_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  RequestData *data = user_data;
  g_autoptr(PbAccount) self = data->self;
  guint generation = data->generation;
  g_autoptr(GError) error = NULL;
  char *token;
  gint64 expires_in = -1;

  g_free (data);

  token = pb_oauth_token_request_finish (result, &expires_in, &error);
  if (token == NULL)
    {
      complete_waiters (self, NULL, error);
      return;
    }

  if (generation == self->generation)
    {
      _pb_account_wipe_string (&self->token);
      self->token = g_strdup (token);
      /* A lifetime beyond a year is not believed (and would overflow below). */
      expires_in = MIN (expires_in, MAX_TOKEN_LIFETIME_S);
      if (expires_in >= 0)
        {
          self->token_margin = CLAMP (expires_in / 10, 1, RENEW_MARGIN_MAX_S);
          self->token_expires = g_get_real_time () + expires_in * G_USEC_PER_SEC;
        }
      else
        {
          /* Unknown lifetime: use it until the API refuses it. */
          self->token_margin = 0;
          self->token_expires = 0;
        }
    }

  complete_waiters (self, token, NULL);
  _pb_account_wipe_string (&token);
}

static void
request_token (PbAccount *self)
{
  RequestData *data;

  g_assert (self->secret != NULL);

  if (self->session == NULL)
    self->session = pb_http_session_new (TOKEN_TIMEOUT_S);

  data = g_new0 (RequestData, 1);
  data->self = g_object_ref (self);
  data->generation = self->generation;

  pb_oauth_token_request_async (self->session, self->token_endpoint, self->client_id,
                                self->secret, self->audience, self->cancellable,
                                token_minted_cb, data);
}

static void
token_secret_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PbAccount) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!_pb_account_load_secret_finish (self, result, &error))
    {
      complete_waiters (self, NULL, error);
      return;
    }

  request_token (self);
}

static void
access_token_secret_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PbAccount *self = PB_ACCOUNT (object);
  g_autoptr(GError) error = NULL;

  if (!_pb_account_load_secret_finish (self, result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else if (self->secret == NULL)
    g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                             _("There is no access token. Paste one in Preferences."));
  else
    g_task_return_pointer (task, g_strdup (self->secret), g_free);
}

static void
pb_account_get_token_async (PbTokenSource       *source,
                            gboolean             renew,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  PbAccount *self = PB_ACCOUNT (source);
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_account_get_token_async);

  if (self->sign_in == PB_SIGN_IN_ACCESS_TOKEN)
    {
      if (renew)
        {
          g_debug ("The API refused the pasted access token");
          g_task_return_new_error (task, PB_CLIENT_ERROR, PB_CLIENT_ERROR_UNAUTHORIZED,
                                   _("The access token expired or was refused. Paste a new "
                                     "one in Preferences."));
          return;
        }

      _pb_account_load_secret_async (self, self->cancellable, access_token_secret_cb,
                                     g_steal_pointer (&task));
      return;
    }

  if (!renew && token_is_fresh (self))
    {
      g_task_return_pointer (task, g_strdup (self->token), g_free);
      return;
    }

  if (renew && !self->requesting)
    pb_account_forget_token (self);

  g_ptr_array_add (self->waiters, g_steal_pointer (&task));
  if (self->requesting)
    return;

  self->requesting = TRUE;
  if (self->secret != NULL)
    request_token (self);
  else
    _pb_account_load_secret_async (self, self->cancellable, token_secret_cb,
                                   g_object_ref (self));
}

static char *
pb_account_get_token_finish (PbTokenSource  *source,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_pb_account_token_source_init (PbTokenSourceInterface *iface)
{
  iface->get_token_async = pb_account_get_token_async;
  iface->get_token_finish = pb_account_get_token_finish;
}
