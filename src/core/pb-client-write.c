/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-client"

#include "config.h"

#include <string.h>

#include "pb-client-private.h"
#include "pb-connection.h"

/* The client's writes: a create (POST /v2/connections) and an update (PUT
 * /v2/connections/{ref}), each one call of pb-client-call.c marked as a write, so that it is
 * never sent twice and a failure after its body went out says so. */

/* Sends `body_json` to `uri`, or returns `error` when there is no URI. Takes both. */
static void
start_write (GTask      *task,
             const char *method,
             GUri       *uri,
             GError     *error,
             const char *body_json)
{
  g_autoptr(GBytes) body = NULL;

  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  body = g_bytes_new (body_json, strlen (body_json));
  _pb_client_call_start_full (task, method, uri, body, PB_CLIENT_CALL_WRITE,
                              _pb_client_parse_connection, g_object_unref);
}

void
pb_client_create_connection_async (PbClient            *self,
                                   const char          *body_json,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (body_json != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_create_connection_async);

  uri = _pb_client_build_uri (self, "v2/connections", &error);
  start_write (task, "POST", uri, error, body_json);
}

PbConnection *
pb_client_create_connection_finish (PbClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_create_connection_async, error);
}

void
pb_client_update_connection_async (PbClient            *self,
                                   const char          *ref,
                                   const char          *body_json,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  GUri *uri;

  g_return_if_fail (PB_IS_CLIENT (self));
  g_return_if_fail (ref != NULL);
  g_return_if_fail (body_json != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, pb_client_update_connection_async);

  uri = _pb_client_build_connection_uri (self, ref, &error);
  start_write (task, "PUT", uri, error, body_json);
}

PbConnection *
pb_client_update_connection_finish (PbClient      *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _pb_client_propagate (self, result, pb_client_update_connection_async, error);
}
