/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Mints an access token with the OAuth 2.0 client-credentials grant, as Sitecore's sign-in
 * service speaks it: POST `token_endpoint` with client_id, client_secret,
 * grant_type=client_credentials and audience (form-encoded); the answer is
 * {"access_token", "token_type", "expires_in", "scope"}. Redirects are not followed (the secret
 * goes to the token endpoint and nowhere else).
 *
 * Errors are PB_CLIENT_ERROR (UNAUTHORIZED when the credentials are refused, NETWORK, TIMEOUT
 * or TLS when the service cannot be reached, BAD_RESPONSE when it answers without a token, …),
 * or PB_ACCOUNT_ERROR_INVALID_URL for a token endpoint that is not a web address. Messages
 * name the service's host and never contain the secret. */
void  pb_oauth_token_request_async  (SoupSession          *session,
                                     const char           *token_endpoint,
                                     const char           *client_id,
                                     const char           *client_secret,
                                     const char           *audience,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
/* Returns the token (wipe it after use; never log it). `expires_in`: its lifetime in seconds
 * as the answer gave it, or -1 when it did not. */
char *pb_oauth_token_request_finish (GAsyncResult         *result,
                                     gint64               *expires_in,
                                     GError              **error);

G_END_DECLS
