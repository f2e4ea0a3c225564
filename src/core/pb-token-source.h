/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where a PbClient gets the bearer token for its requests. An account implements it: a pasted
 * access token, or an API key that mints tokens at the token endpoint. Errors are in
 * PB_CLIENT_ERROR (UNAUTHORIZED when the credentials are refused or a pasted token expired,
 * NETWORK or TIMEOUT when the token endpoint cannot be reached, …). */
#define PB_TYPE_TOKEN_SOURCE (pb_token_source_get_type ())
G_DECLARE_INTERFACE (PbTokenSource, pb_token_source, PB, TOKEN_SOURCE, GObject)

struct _PbTokenSourceInterface
{
  GTypeInterface parent_iface;

  /* renew: the API refused the last token (401); get a fresh one if that is possible, or fail
   * with PB_CLIENT_ERROR_UNAUTHORIZED if not (a pasted token cannot be renewed). */
  void   (*get_token_async)  (PbTokenSource       *self,
                              gboolean             renew,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
  char * (*get_token_finish) (PbTokenSource       *self,
                              GAsyncResult        *result,
                              GError             **error);
};

void  pb_token_source_get_token_async  (PbTokenSource       *self,
                                        gboolean             renew,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* Returns the token (free it with g_free after use; never log it). */
char *pb_token_source_get_token_finish (PbTokenSource       *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
