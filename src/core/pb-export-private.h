/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Replaces the value of object.name by its mask (a string keeps a scheme word; any other value
 * but null becomes PB_SECRET_MASK). Not while iterating over the object's members. */
void        _pb_export_mask_member         (JsonObject *object,
                                            const char *name);
/* Masks the members named clientSecret, client_secret, password, accessToken or access_token
 * (ignoring case), anywhere below `node`. */
void        _pb_export_mask_secret_members (JsonNode   *node);

/* A connection's JSON text (an object) with its secret-looking values masked by the rule of
 * pb_export_connection(), everything else exactly as written; NULL when it is not valid JSON
 * or not an object. */
char       *_pb_export_mask_text           (const char *json);

G_END_DECLS
