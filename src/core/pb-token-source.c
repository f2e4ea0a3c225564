/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "pb-token-source"

#include "config.h"

#include "pb-token-source.h"

G_DEFINE_INTERFACE (PbTokenSource, pb_token_source, G_TYPE_OBJECT)

static void
pb_token_source_default_init (PbTokenSourceInterface *iface)
{
}

void
pb_token_source_get_token_async (PbTokenSource       *self,
                                 gboolean             renew,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (PB_IS_TOKEN_SOURCE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  PB_TOKEN_SOURCE_GET_IFACE (self)->get_token_async (self, renew, cancellable, callback, user_data);
}

char *
pb_token_source_get_token_finish (PbTokenSource  *self,
                                  GAsyncResult   *result,
                                  GError        **error)
{
  g_return_val_if_fail (PB_IS_TOKEN_SOURCE (self), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  return PB_TOKEN_SOURCE_GET_IFACE (self)->get_token_finish (self, result, error);
}
