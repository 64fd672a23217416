// Generated from the server's OpenAPI document (/docs/json) by `npm run gen:api`; do not edit.
// test/unit/api-schema.test.ts fails when this file no longer matches the server.
export interface paths {
    "/api/admin/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every API token, revoked ones too; never the token itself (role admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tokens: {
                                /** Format: date-time */
                                created_at: string;
                                id: string;
                                last_used_at: string | null;
                                name: string;
                                revoked_at: string | null;
                                /** @enum {unknown} */
                                role: "viewer" | "sre" | "admin";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an API token (role admin; audited): `token` is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @enum {unknown} */
                        role: "viewer" | "sre" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            revoked_at: string | null;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                            token: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/tokens/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API token (role admin; audited); it stays listed with revoked_at */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            id: string;
                            last_used_at: string | null;
                            name: string;
                            revoked_at: string | null;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every local user (role admin) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            users: {
                                /** Format: date-time */
                                created_at: string;
                                disabled_at: string | null;
                                /** @description false: signs in only through one-time links */
                                has_password: boolean;
                                id: string;
                                last_sign_in_at: string | null;
                                name: string;
                                /** @enum {unknown} */
                                role: "viewer" | "sre" | "admin";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a user (role admin; audited). Without a password the user signs in through a one-time link. */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        password?: string;
                        /** @enum {unknown} */
                        role: "viewer" | "sre" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            disabled_at: string | null;
                            /** @description false: signs in only through one-time links */
                            has_password: boolean;
                            id: string;
                            last_sign_in_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/admin/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a user's role, password or disabled state (role admin; audited). Disabling ends their sessions. */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        disabled?: boolean;
                        password?: string;
                        /** @enum {unknown} */
                        role?: "viewer" | "sre" | "admin";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            disabled_at: string | null;
                            /** @description false: signs in only through one-time links */
                            has_password: boolean;
                            id: string;
                            last_sign_in_at: string | null;
                            name: string;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/admin/users/{id}/sign-in-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A one-time sign-in link for a user, valid one hour (role admin; audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            expires_at: string;
                            url: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who is signed in, and with which role (the web app shows only the actions the role allows) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                            /**
                             * @description how the request was signed in
                             * @enum {unknown}
                             */
                            via: "session" | "token";
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sign-in": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with name and password: sets the HttpOnly session cookie (no sign-in needed) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            /** @enum {unknown} */
                            role: "viewer" | "sre" | "admin";
                            /**
                             * @description how the request was signed in
                             * @enum {unknown}
                             */
                            via: "session" | "token";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/sign-out": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out: ends the session and clears its cookie (answers 204 without one too) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/classification/factors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The classification factor vocabulary (built in, plus what admins added) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ai: string[];
                            human: string[];
                            process: string[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a factor to the vocabulary (role admin; audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description snake_case */
                        factor: string;
                        group: "human" | "ai" | "process";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            ai: string[];
                            human: string[];
                            process: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/data-quality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Data quality: tagging coverage, incident time completeness, excluded data errors, open quarantine, ingest runs */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description most findings returned */
                    limit?: number;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            coverage: {
                                /** @description per owning team, most untagged first: who to ask for the missing tags */
                                by_team: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    /** @description production deployments in the period */
                                    deployments: number;
                                    /** @description whose AI status is known */
                                    known: number;
                                    share: number | null;
                                    team: string | null;
                                    /** @description whose AI status nobody stated */
                                    untagged: number;
                                }[];
                                changes: {
                                    /** @description declared, trailer, bot_author, label, ticket, inferred */
                                    by_evidence: {
                                        [key: string]: number;
                                    };
                                    /** @description changes authored in the period */
                                    changes: number;
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    /** @description whose AI status is known */
                                    known: number;
                                    share: number | null;
                                };
                                deployments: {
                                    /** @description declared, trailer, bot_author, label, ticket, inferred */
                                    by_evidence: {
                                        [key: string]: number;
                                    };
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    /** @description production deployments in the period */
                                    deployments: number;
                                    /** @description whose AI status is known */
                                    known: number;
                                    share: number | null;
                                };
                                /** @description production deployment coverage per ISO week of the period */
                                weekly: {
                                    /** @description declared, trailer, bot_author, label, ticket, inferred */
                                    by_evidence: {
                                        [key: string]: number;
                                    };
                                    /** @description production deployments that week */
                                    deployments: number;
                                    known: number;
                                    /** @description Monday of the ISO week, YYYY-MM-DD */
                                    week: string;
                                }[];
                            };
                            /** @description data errors the metrics exclude (negative incident times, negative lead times), newest record first */
                            findings: {
                                /** @description the field whose time comes too early, e.g. detected_at; finished_at for lead time */
                                field: string;
                                /** @description the record's id in its source */
                                id: string;
                                kind: "incident" | "deployment" | "change";
                                metric: "ttd" | "ttrb" | "restore" | "resolve" | "lead_time";
                                /** @description names both fields and their values, and the value excluded */
                                reason: string;
                                /** @description the excluded duration, minutes (negative) */
                                value: number;
                            }[];
                            /** @description all findings in scope; findings holds the first `limit` */
                            findings_total: number;
                            /** @description docs/metrics.md "Incident times": per time, over the incidents in scope */
                            incident_times: {
                                resolve: {
                                    /** @description incidents in scope */
                                    incidents: number;
                                    /** @description with a value ≥ 0 */
                                    known: number;
                                    /** @description an input is missing, so the time is null */
                                    missing: number;
                                    /** @description a negative duration: a data error, excluded (listed in findings) */
                                    negative: number;
                                };
                                restore: {
                                    /** @description incidents in scope */
                                    incidents: number;
                                    /** @description with a value ≥ 0 */
                                    known: number;
                                    /** @description an input is missing, so the time is null */
                                    missing: number;
                                    /** @description a negative duration: a data error, excluded (listed in findings) */
                                    negative: number;
                                };
                                ttd: {
                                    /** @description incidents in scope */
                                    incidents: number;
                                    /** @description with a value ≥ 0 */
                                    known: number;
                                    /** @description an input is missing, so the time is null */
                                    missing: number;
                                    /** @description a negative duration: a data error, excluded (listed in findings) */
                                    negative: number;
                                };
                                ttrb: {
                                    /** @description incidents in scope */
                                    incidents: number;
                                    /** @description with a value ≥ 0 */
                                    known: number;
                                    /** @description an input is missing, so the time is null */
                                    missing: number;
                                    /** @description a negative duration: a data error, excluded (listed in findings) */
                                    negative: number;
                                };
                            };
                            /** @description the 20 latest ingest runs, newest first, whatever the filters */
                            ingest_runs: {
                                error: string | null;
                                finished_at: string | null;
                                id: string;
                                inserted: number;
                                origin: string | null;
                                /** @description records this run kept waiting for a record they refer to */
                                pending: number;
                                quarantined: number;
                                received: number;
                                source: string;
                                /** Format: date-time */
                                started_at: string;
                                status: "running" | "succeeded" | "failed" | "abandoned";
                                unchanged: number;
                                updated: number;
                            }[];
                            /** @description the whole database, whatever the filters */
                            pending: {
                                by_field: {
                                    count: number;
                                    field: string;
                                    kind: string;
                                }[];
                                /** @description the 100 that have waited longest */
                                items: {
                                    batch_id: string | null;
                                    /** @description the record's own id in its source */
                                    external_id: string;
                                    /** @description the reference that is not stored yet, e.g. classification.incident */
                                    field: string;
                                    id: string;
                                    kind: string;
                                    line: number | null;
                                    origin: string | null;
                                    /** Format: date-time */
                                    received_at: string;
                                    source: string;
                                    /** @description the id that reference names */
                                    waiting_for: string;
                                }[];
                                /** @description records stored to wait for a record they refer to; each applies by itself when its target arrives */
                                total: number;
                            };
                            period: {
                                from: string;
                                to: string;
                            };
                            /** @description the whole database, whatever the filters */
                            quarantine: {
                                /** @description the 20 largest groups by kind and field */
                                by_field: {
                                    count: number;
                                    field: string | null;
                                    kind: string | null;
                                }[];
                                /** @description open quarantined records (not resolved by a retry) */
                                total: number;
                            };
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deployments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Deployments, sorted (newest first by finished_at, else started_at, by default), in keyset pages */
        get: {
            parameters: {
                query?: {
                    cohort?: "ai" | "human" | "unknown";
                    /** @description next_cursor of the previous page, with the same sort */
                    cursor?: string;
                    domain?: string;
                    /** @description only this environment (production or not) */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description rows per page */
                    limit?: number;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    /** @description true: only production deployments (docs/metrics.md "Cohorts"); false: only the others */
                    production?: boolean;
                    /** @description text (case-insensitive) in the deployment's id, service, version or change ids */
                    q?: string;
                    service?: string;
                    /** @description column to sort by, `-` for descending; default -at (finished_at, else started_at). Ties newest first. */
                    sort?: "at" | "-at" | "id" | "-id" | "service" | "-service" | "environment" | "-environment" | "status" | "-status" | "cohort" | "-cohort" | "failed" | "-failed";
                    status?: "succeeded" | "failed" | "rolled_back" | "in_progress";
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            deployments: {
                                ai_tool: string | null;
                                change_type: string | null;
                                /** @description ids of the changes it shipped */
                                changes: string[];
                                /** @enum {unknown} */
                                cohort: "ai" | "human" | "unknown";
                                cohort_evidence: string | null;
                                /** @description a production deployment to a Tier-1 or high-risk service, so governance controls were judged (docs/metrics.md "Governance controls") */
                                controls_evaluated: boolean;
                                /** @description the governance controls it broke; empty when none or not evaluated */
                                controls_skipped: string[];
                                environment: string;
                                /** @description rolled back, or linked at ≥ min_confidence to a Sev1/Sev2 incident (docs/metrics.md "Change failure rate") */
                                failed: boolean;
                                finished_at: string | null;
                                /** @description the source's deployment id */
                                id: string;
                                /** @description ids of incidents linked at ≥ min_confidence, any severity */
                                linked_incidents: string[];
                                rollback_of: string | null;
                                /** @description the service's id */
                                service: string;
                                source: string;
                                /** Format: date-time */
                                started_at: string;
                                /** @enum {unknown} */
                                status: "succeeded" | "failed" | "rolled_back" | "in_progress";
                                version: string | null;
                            }[];
                            min_confidence: number;
                            next_cursor: string | null;
                            period: {
                                from: string;
                                to: string;
                            };
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Follow-up actions across incidents, earliest due first (the weekly review asks status=open&due_before=<end of week>) */
        get: {
            parameters: {
                query?: {
                    /** @description only those due on or before this day (YYYY-MM-DD); undated ones are left out */
                    due_before?: string;
                    limit?: number;
                    status?: "open" | "done" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            follow_ups: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string;
                                due_date: string | null;
                                id: string;
                                incident: {
                                    /** @description the incident's id in its source */
                                    id: string;
                                    source: string;
                                    title: string;
                                };
                                owner: string | null;
                                /** @enum {unknown} */
                                status: "open" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change a follow-up action: title, owner, due date or status (role sre; audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        due_date?: string | null;
                        owner?: string | null;
                        /** @enum {unknown} */
                        status?: "open" | "done" | "cancelled";
                        title?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string;
                            due_date: string | null;
                            id: string;
                            incident: {
                                /** @description the incident's id in its source */
                                id: string;
                                source: string;
                                title: string;
                            };
                            owner: string | null;
                            /** @enum {unknown} */
                            status: "open" | "done" | "cancelled";
                            title: string;
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/governance/violations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Governance control violations of production deployments to Tier-1 or high-risk services, per week, and the incidents that followed (docs/metrics.md) */
        get: {
            parameters: {
                query: {
                    /** @description one control: two_person_review, change_documentation, automated_checks, senior_signoff, single_operator_config, agent_destructive_approval; default all */
                    control?: string;
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description most violations, and most incidents with violations, listed: latest first */
                    limit: number;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description the destructive agent actions agent_destructive_approval evaluates, approved or not, latest first, at most limit */
                            agent_actions: {
                                action: string;
                                agent: string;
                                agent_action: string;
                                approved: boolean;
                                approvers: string[];
                                /** Format: date-time */
                                at: string;
                                environment: string;
                                service: string | null;
                            }[];
                            /** @description per service with something evaluated and control, most violations first */
                            by_service: {
                                ci_high: number | null;
                                ci_low: number | null;
                                compliance: number | null;
                                /** @enum {unknown} */
                                control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                /** @description evaluated deployments; destructive agent actions for agent_destructive_approval */
                                evaluated: number;
                                group: string | null;
                                team: string | null;
                                /** @description of those, the ones with at least one finding for the control */
                                violations: number;
                            }[];
                            /** @description the same per team (the sums of its services) */
                            by_team: {
                                ci_high: number | null;
                                ci_low: number | null;
                                compliance: number | null;
                                /** @enum {unknown} */
                                control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                /** @description evaluated deployments; destructive agent actions for agent_destructive_approval */
                                evaluated: number;
                                group: string | null;
                                team: string | null;
                                /** @description of those, the ones with at least one finding for the control */
                                violations: number;
                            }[];
                            /** @description every control: evaluated, violations and compliance with its interval */
                            controls: {
                                ci_high: number | null;
                                ci_low: number | null;
                                compliance: number | null;
                                /** @enum {unknown} */
                                control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                /** @description evaluated deployments; destructive agent actions for agent_destructive_approval */
                                evaluated: number;
                                /** @description of those, the ones with at least one finding for the control */
                                violations: number;
                            }[];
                            incidents: {
                                controls: ("two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval")[];
                                /** @description the linked deployment that violated a control */
                                deployment: string;
                                /** Format: date-time */
                                impact_started_at: string;
                                incident: string;
                                /** @description the deployment's service */
                                service: string;
                                severity: string;
                                title: string;
                            }[];
                            period: {
                                from: string;
                                to: string;
                            };
                            summary: {
                                /** @description production deployments to Tier-1 or high-risk services in the period */
                                evaluated: number;
                                /** @description deployments (agent actions for agent_destructive_approval) with at least one violation, per control */
                                violations: {
                                    agent_destructive_approval: number;
                                    automated_checks: number;
                                    change_documentation: number;
                                    senior_signoff: number;
                                    single_operator_config: number;
                                    two_person_review: number;
                                };
                            };
                            violations: {
                                agent: string | null;
                                agent_action: string | null;
                                /** @description the approvers as recorded (empty for single_operator_config and agent_destructive_approval) */
                                approvers: string[];
                                /**
                                 * Format: date-time
                                 * @description the deployment's effective time (finished, else started), or the agent action's time
                                 */
                                at: string;
                                /** @description the change's author; for single_operator_config every author of the deployment's changes */
                                authors: string[];
                                change: string | null;
                                /** @enum {unknown} */
                                control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                deployment: string | null;
                                service: string | null;
                            }[];
                            weeks: {
                                /** @enum {unknown} */
                                control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                /** @description evaluated deployments that week; for agent_destructive_approval, destructive agent actions in scope */
                                evaluated: number;
                                rate: number;
                                /** @description of those, the ones with at least one finding for the control */
                                violations: number;
                                /** @description ISO week Monday, YYYY-MM-DD */
                                week: string;
                            }[];
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Is the service up: database reachable, migration version, row counts (no sign-in needed) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description rows per main table: exact below 100 000 rows, the planner's estimate above (see counts_estimated) */
                            counts: {
                                [key: string]: number;
                            };
                            /** @description the tables whose count is an estimate: counting 10 M rows exactly takes seconds, and health is polled */
                            counts_estimated: string[];
                            database: {
                                embedded: boolean;
                                migration: string | null;
                                pending_migrations: number;
                                reachable: boolean;
                                server_version: string | null;
                            };
                            /** @description whether the generated demo year (a fictional retailer) is in the database: the dashboard says so */
                            demo: {
                                loaded: boolean;
                                loaded_at: string | null;
                                /** @description the demo is being loaded (the first start serves at once and loads it in the background) */
                                loading: boolean;
                                /** @description while loading: records stored so far (of about 69 000) */
                                records_loaded: number | null;
                            };
                            /** @description how far rollups and links lag the raw tables; zero after a refresh (the refresh job runs after each batch) */
                            derived: {
                                /** @description seconds since oldest_pending_at: how stale the metrics may be; 0 when nothing waits */
                                lag_seconds: number;
                                /** @description when the oldest change not yet in the derived data was stored */
                                oldest_pending_at: string | null;
                                /** @description (day, service) pairs whose rollups wait for a refresh */
                                pending_days: number;
                                /** @description incidents whose rollups wait for a refresh */
                                pending_incidents: number;
                                /** @description ingest batches stored but not yet covered by a refresh */
                                unrefreshed_batches: number;
                            };
                            /** @description the job queue (GET /api/jobs lists the jobs) */
                            jobs: {
                                /** @description jobs that failed for good (retries spent) in the last 24 hours */
                                failed_last_day: number;
                                running: number;
                                /** @description refresh, rebuild and relink jobs queued or waiting to retry */
                                waiting: number;
                            };
                            status: "ok" | "unavailable";
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description rows per main table: exact below 100 000 rows, the planner's estimate above (see counts_estimated) */
                            counts: {
                                [key: string]: number;
                            };
                            /** @description the tables whose count is an estimate: counting 10 M rows exactly takes seconds, and health is polled */
                            counts_estimated: string[];
                            database: {
                                embedded: boolean;
                                migration: string | null;
                                pending_migrations: number;
                                reachable: boolean;
                                server_version: string | null;
                            };
                            /** @description whether the generated demo year (a fictional retailer) is in the database: the dashboard says so */
                            demo: {
                                loaded: boolean;
                                loaded_at: string | null;
                                /** @description the demo is being loaded (the first start serves at once and loads it in the background) */
                                loading: boolean;
                                /** @description while loading: records stored so far (of about 69 000) */
                                records_loaded: number | null;
                            };
                            /** @description how far rollups and links lag the raw tables; zero after a refresh (the refresh job runs after each batch) */
                            derived: {
                                /** @description seconds since oldest_pending_at: how stale the metrics may be; 0 when nothing waits */
                                lag_seconds: number;
                                /** @description when the oldest change not yet in the derived data was stored */
                                oldest_pending_at: string | null;
                                /** @description (day, service) pairs whose rollups wait for a refresh */
                                pending_days: number;
                                /** @description incidents whose rollups wait for a refresh */
                                pending_incidents: number;
                                /** @description ingest batches stored but not yet covered by a refresh */
                                unrefreshed_batches: number;
                            };
                            /** @description the job queue (GET /api/jobs lists the jobs) */
                            jobs: {
                                /** @description jobs that failed for good (retries spent) in the last 24 hours */
                                failed_last_day: number;
                                running: number;
                                /** @description refresh, rebuild and relink jobs queued or waiting to retry */
                                waiting: number;
                            };
                            status: "ok" | "unavailable";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Incidents of the period (Sev1/Sev2 unless `severity` says otherwise), sorted (newest first by default), a page at a time, with the total of all matches */
        get: {
            parameters: {
                query?: {
                    /** @description the current classification's AI role, or unclassified */
                    ai_role?: "primary" | "contributory" | "incidental" | "none" | "unknown" | "unclassified";
                    cohort?: "ai" | "human" | "unknown" | "unattributed";
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description incidents per page */
                    limit?: number;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    /** @description incidents skipped in the sort order */
                    offset?: number;
                    /** @description text the title contains (case-insensitive) */
                    q?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    /** @description column to sort by, `-` for descending; default -impact_started_at. Missing values last; ties newest first. */
                    sort?: "impact_started_at" | "-impact_started_at" | "severity" | "-severity" | "title" | "-title" | "services" | "-services" | "ttd" | "-ttd" | "ttrb" | "-ttrb" | "restore" | "-restore" | "blast_services" | "-blast_services" | "cohort" | "-cohort" | "ai_role" | "-ai_role";
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            incidents: {
                                ai_role: string | null;
                                blast_services: number;
                                cohort: "ai" | "human" | "unknown" | "unattributed";
                                errors: number | null;
                                id: string;
                                impact_minutes: number | null;
                                /** Format: date-time */
                                impact_started_at: string;
                                orders_lost: number | null;
                                regions: number;
                                resolve: number | null;
                                restore: number | null;
                                services: string[];
                                severity: string;
                                source: string;
                                status: string | null;
                                suggested_role: "contributory" | "none";
                                title: string;
                                traffic_share: number | null;
                                ttd: number | null;
                                ttrb: number | null;
                                users_affected: number | null;
                            }[];
                            period: {
                                from: string;
                                to: string;
                            };
                            total: number;
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One incident: facts, blast radius, timeline, links and classification history */
        get: {
            parameters: {
                query?: {
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    /** @description nearby deployments from this many hours before the impact start; default: the link window (24) */
                    nearby_hours?: number;
                    /** @description needed only when two sources use the same id */
                    source?: string;
                };
                header?: never;
                path: {
                    /** @description the incident's id in its source */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description newest first; the first is current */
                            classifications: {
                                ai_role: string;
                                /** Format: date-time */
                                classified_at: string;
                                classified_by: string;
                                factors: {
                                    ai: string[];
                                    human: string[];
                                    process: string[];
                                };
                                notes: string | null;
                                source: string;
                            }[];
                            incident: {
                                blast_services: number;
                                cohort: "ai" | "human" | "unknown" | "unattributed";
                                detection: string | null;
                                errors: number | null;
                                id: string;
                                impact_minutes: number | null;
                                /** Format: date-time */
                                impact_started_at: string;
                                orders_lost: number | null;
                                postmortem_url: string | null;
                                regions: number;
                                regions_list: string[];
                                resolve: number | null;
                                restore: number | null;
                                services: string[];
                                severity: string;
                                source: string;
                                status: string | null;
                                title: string;
                                traffic_share: number | null;
                                ttd: number | null;
                                ttrb: number | null;
                                users_affected: number | null;
                            };
                            links: {
                                cohort: string;
                                confidence: number;
                                decided_by: string | null;
                                decision: ("confirmed" | "rejected") | null;
                                decision_notes: string | null;
                                deployment: string;
                                finished_at: string | null;
                                /** @description from the deployment's effective time to the impact start; negative when it came after */
                                minutes_before_impact: number;
                                /** @description manual, explicit or heuristic; a rejected link has confidence 0 */
                                rule: string;
                                service: string;
                                status: string;
                                /** @description the reason for the link in one sentence: rule, distance to the impact, decision */
                                why: string;
                            }[];
                            /** @description production deployments of its services from nearby_hours before impact to its end, newest first, at most 200 */
                            nearby_deployments: {
                                /**
                                 * Format: date-time
                                 * @description effective time: finished, else started
                                 */
                                at: string;
                                cohort: string;
                                id: string;
                                /** @description linked to the incident (any confidence above 0) */
                                linked: boolean;
                                rollback_of: string | null;
                                service: string;
                                status: string;
                            }[];
                            nearby_hours: number;
                            people: {
                                approvers: string[];
                                authors: string[];
                                /** @description who ran the deployments: `actor`, with its type when known */
                                operators: {
                                    name: string;
                                    type: string | null;
                                }[];
                            };
                            /** @description governance findings of the deployments linked at ≥ min_confidence */
                            skipped_controls: {
                                approvers: string[];
                                authors: string[];
                                change: string | null;
                                control: string;
                                deployment: string;
                                service: string;
                            }[];
                            suggested_role: "contributory" | "none";
                            suggestion_reason: string;
                            timeline: {
                                /** Format: date-time */
                                at: string;
                                detail: string | null;
                                event: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/classification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Classify the AI's role in the incident (role sre; append-only history, audited) */
        post: {
            parameters: {
                query?: {
                    /** @description needed only when two sources use the same id */
                    source?: string;
                };
                header?: never;
                path: {
                    /** @description the incident's id in its source */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description primary, contributory, incidental, none or unknown */
                        ai_role: string;
                        factors?: {
                            ai?: string[];
                            human?: string[];
                            process?: string[];
                        };
                        notes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            classifications: {
                                ai_role: string;
                                /** Format: date-time */
                                classified_at: string;
                                classified_by: string;
                                factors: {
                                    ai: string[];
                                    human: string[];
                                    process: string[];
                                };
                                notes: string | null;
                                source: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An incident's follow-up actions, oldest first */
        get: {
            parameters: {
                query?: {
                    /** @description needed only when two sources use the same id */
                    source?: string;
                };
                header?: never;
                path: {
                    /** @description the incident's id in its source */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            follow_ups: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string;
                                due_date: string | null;
                                id: string;
                                incident: {
                                    /** @description the incident's id in its source */
                                    id: string;
                                    source: string;
                                    title: string;
                                };
                                owner: string | null;
                                /** @enum {unknown} */
                                status: "open" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Add a follow-up action to an incident (role sre; audited) */
        post: {
            parameters: {
                query?: {
                    /** @description needed only when two sources use the same id */
                    source?: string;
                };
                header?: never;
                path: {
                    /** @description the incident's id in its source */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        due_date?: string | null;
                        owner?: string | null;
                        /** @enum {unknown} */
                        status?: "open" | "done" | "cancelled";
                        title: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** Format: date-time */
                            created_at: string;
                            created_by: string;
                            due_date: string | null;
                            id: string;
                            incident: {
                                /** @description the incident's id in its source */
                                id: string;
                                source: string;
                                title: string;
                            };
                            owner: string | null;
                            /** @enum {unknown} */
                            status: "open" | "done" | "cancelled";
                            title: string;
                            /** Format: date-time */
                            updated_at: string;
                            updated_by: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Confirm or reject a link between the incident and a deployment (role sre; audited) */
        post: {
            parameters: {
                query?: {
                    /** @description needed only when two sources use the same id */
                    source?: string;
                };
                header?: never;
                path: {
                    /** @description the incident's id in its source */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        decision: "confirmed" | "rejected";
                        /** @description the deployment's id in its source */
                        deployment: string;
                        notes?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            links: {
                                cohort: string;
                                confidence: number;
                                decided_by: string | null;
                                decision: ("confirmed" | "rejected") | null;
                                decision_notes: string | null;
                                deployment: string;
                                finished_at: string | null;
                                /** @description from the deployment's effective time to the impact start; negative when it came after */
                                minutes_before_impact: number;
                                /** @description manual, explicit or heuristic; a rejected link has confidence 0 */
                                rule: string;
                                service: string;
                                status: string;
                                /** @description the reason for the link in one sentence: rule, distance to the impact, decision */
                                why: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/incidents/backlog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unclassified Sev1/Sev2 incidents older than 48 h: how many, and the oldest first with the suggested role */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description most incidents listed, oldest first; total counts them all */
                    limit?: number;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backlog: {
                                age_hours: number;
                                cohort: "ai" | "human" | "unknown" | "unattributed";
                                id: string;
                                /** Format: date-time */
                                impact_started_at: string;
                                severity: string;
                                suggested_role: "contributory" | "none";
                                title: string;
                            }[];
                            period: {
                                from: string;
                                to: string;
                            };
                            /** @description every incident of the backlog, listed or not */
                            total: number;
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ingest/records": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ingest normalized records as NDJSON (application/x-ndjson), streamed
         * @description One record per line (docs/ingest-format.md). Needs a token with role sre. Answers once the records are stored, pending or quarantined; the refresh of derived data is queued as a job.
         */
        post: {
            parameters: {
                query?: {
                    /** @description source for records that name none (default "api") */
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description records that earlier batches kept pending and this one applied, because what they refer to is stored now (not in total) */
                            applied_pending: {
                                by_kind: {
                                    [key: string]: {
                                        inserted: number;
                                        /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                        pending: number;
                                        quarantined: number;
                                        received: number;
                                        unchanged: number;
                                        updated: number;
                                    };
                                };
                                total: {
                                    inserted: number;
                                    /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                    pending: number;
                                    quarantined: number;
                                    received: number;
                                    unchanged: number;
                                    updated: number;
                                };
                            };
                            batch_id: string;
                            by_kind: {
                                [key: string]: {
                                    inserted: number;
                                    /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                    pending: number;
                                    quarantined: number;
                                    received: number;
                                    unchanged: number;
                                    updated: number;
                                };
                            };
                            quarantine_ids: string[];
                            /** @description derived data (metrics, rollups) follows in a job a few seconds later: GET /api/jobs, or derived.lag_seconds in GET /api/health */
                            refresh: {
                                /** @description the refresh job queued for this batch; null when one already waiting covers it */
                                job_id: string | null;
                            };
                            total: {
                                inserted: number;
                                /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                pending: number;
                                quarantined: number;
                                received: number;
                                unchanged: number;
                                updated: number;
                            };
                            truncated?: boolean;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        } | {
                            /** @description records that earlier batches kept pending and this one applied, because what they refer to is stored now (not in total) */
                            applied_pending: {
                                by_kind: {
                                    [key: string]: {
                                        inserted: number;
                                        /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                        pending: number;
                                        quarantined: number;
                                        received: number;
                                        unchanged: number;
                                        updated: number;
                                    };
                                };
                                total: {
                                    inserted: number;
                                    /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                    pending: number;
                                    quarantined: number;
                                    received: number;
                                    unchanged: number;
                                    updated: number;
                                };
                            };
                            batch_id: string;
                            by_kind: {
                                [key: string]: {
                                    inserted: number;
                                    /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                    pending: number;
                                    quarantined: number;
                                    received: number;
                                    unchanged: number;
                                    updated: number;
                                };
                            };
                            quarantine_ids: string[];
                            /** @description derived data (metrics, rollups) follows in a job a few seconds later: GET /api/jobs, or derived.lag_seconds in GET /api/health */
                            refresh: {
                                /** @description the refresh job queued for this batch; null when one already waiting covers it */
                                job_id: string | null;
                            };
                            total: {
                                inserted: number;
                                /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                pending: number;
                                quarantined: number;
                                received: number;
                                unchanged: number;
                                updated: number;
                            };
                            truncated?: boolean;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The newest jobs that keep derived data (refresh, rebuild, relink): state, progress and errors */
        get: {
            parameters: {
                query: {
                    limit: number;
                    queue?: "refresh" | "rebuild" | "relink";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            counts: {
                                /** @description failed for good in the last 24 hours */
                                failed_last_day: number;
                                running: number;
                                waiting: number;
                            };
                            jobs: {
                                /** Format: date-time */
                                created_at: string;
                                done: number | null;
                                error: string | null;
                                finished_at: string | null;
                                id: string;
                                phase: string | null;
                                queue: "refresh" | "rebuild" | "relink";
                                reason: string | null;
                                requested_by: string | null;
                                retry_count: number;
                                started_at: string | null;
                                /** @description created: waiting; retry: failed, waiting for another attempt; active: running; completed; cancelled; failed: retries spent */
                                state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
                                total: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Queue a job: rebuild all derived data, relink every incident, or refresh what changed
         * @description Needs role admin. 202 with the job; when an equal job already waits, 202 with that one (it covers this request).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        queue: "refresh" | "rebuild" | "relink";
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            job: {
                                /** Format: date-time */
                                created_at: string;
                                done: number | null;
                                error: string | null;
                                finished_at: string | null;
                                id: string;
                                phase: string | null;
                                queue: "refresh" | "rebuild" | "relink";
                                reason: string | null;
                                requested_by: string | null;
                                retry_count: number;
                                started_at: string | null;
                                /** @description created: waiting; retry: failed, waiting for another attempt; active: running; completed; cancelled; failed: retries spent */
                                state: "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
                                total: number | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics/cfr-trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Weekly change failure rate per cohort with Wilson 95 % intervals (docs/metrics.md) */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            min_confidence: number;
                            period: {
                                from: string;
                                to: string;
                            };
                            weeks: {
                                ci_high: number;
                                ci_low: number;
                                cohort: "ai" | "human" | "unknown";
                                deployments: number;
                                failed: number;
                                rate: number;
                                /** @description ISO week Monday, YYYY-MM-DD */
                                week: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics/compare": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The period split at a day: the summary before and after it, and whether each rate changed (docs/metrics.md "Before and after a date") */
        get: {
            parameters: {
                query: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    /** @description first day of the "after" part, YYYY-MM-DD, strictly inside the period */
                    split: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            after: {
                                cfr: {
                                    ai: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    /** @description states a difference only when p < 0.05 */
                                    headline: string;
                                    human: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    risk_ratio: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        p_value: number | null;
                                        value: number | null;
                                    };
                                    unknown: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                };
                                coverage: {
                                    by_evidence: {
                                        [key: string]: number;
                                    };
                                    /** @description the share's 95 % Wilson interval */
                                    ci_high: number | null;
                                    /** @description the share's 95 % Wilson interval */
                                    ci_low: number | null;
                                    deployments: number;
                                    known: number;
                                    share: number | null;
                                };
                                dora: {
                                    cfr: number | null;
                                    /** @description the CFR's 95 % Wilson interval */
                                    cfr_ci_high: number | null;
                                    /** @description the CFR's 95 % Wilson interval */
                                    cfr_ci_low: number | null;
                                    deploys_per_week: number;
                                    /** @description true: lead time, merge-to-deploy and recovery percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 values) */
                                    durations_exact: boolean;
                                    lead_time: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @description merge-to-deploy, beside lead time, for changes whose merged_at is known */
                                    merge_to_deploy: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    recovery_time: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @description the rework rate's 95 % Wilson interval */
                                    rework_ci_high: number | null;
                                    /** @description the rework rate's 95 % Wilson interval */
                                    rework_ci_low: number | null;
                                    rework_rate: number | null;
                                };
                                governance: {
                                    evaluated: number;
                                    violations: {
                                        [key: string]: number;
                                    };
                                };
                                incidents: {
                                    /** @description classified primary or contributory (docs/metrics.md "AI role classification") */
                                    ai_involved: number;
                                    by_cohort: {
                                        ai: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                        human: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                        unknown: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                    };
                                    sev1: number;
                                    sev2: number;
                                    /** @description true: TTD, time to rollback and restore percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 incidents). Services hit are always exact */
                                    times_exact: boolean;
                                    total: number;
                                    unattributed: number;
                                    unclassified: number;
                                };
                                period: {
                                    from: string;
                                    to: string;
                                };
                                slos: {
                                    attainment: number | null;
                                    budget_remaining: number | null;
                                    burn_rate: number | null;
                                    cohort: string;
                                    metric: string;
                                    name: string;
                                    objective: number;
                                    status: "met" | "at_risk" | "breached" | "no_data";
                                }[];
                            };
                            before: {
                                cfr: {
                                    ai: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    /** @description states a difference only when p < 0.05 */
                                    headline: string;
                                    human: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    risk_ratio: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        p_value: number | null;
                                        value: number | null;
                                    };
                                    unknown: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                };
                                coverage: {
                                    by_evidence: {
                                        [key: string]: number;
                                    };
                                    /** @description the share's 95 % Wilson interval */
                                    ci_high: number | null;
                                    /** @description the share's 95 % Wilson interval */
                                    ci_low: number | null;
                                    deployments: number;
                                    known: number;
                                    share: number | null;
                                };
                                dora: {
                                    cfr: number | null;
                                    /** @description the CFR's 95 % Wilson interval */
                                    cfr_ci_high: number | null;
                                    /** @description the CFR's 95 % Wilson interval */
                                    cfr_ci_low: number | null;
                                    deploys_per_week: number;
                                    /** @description true: lead time, merge-to-deploy and recovery percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 values) */
                                    durations_exact: boolean;
                                    lead_time: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @description merge-to-deploy, beside lead time, for changes whose merged_at is known */
                                    merge_to_deploy: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    recovery_time: {
                                        median: number | null;
                                        p90: number | null;
                                    };
                                    /** @description the rework rate's 95 % Wilson interval */
                                    rework_ci_high: number | null;
                                    /** @description the rework rate's 95 % Wilson interval */
                                    rework_ci_low: number | null;
                                    rework_rate: number | null;
                                };
                                governance: {
                                    evaluated: number;
                                    violations: {
                                        [key: string]: number;
                                    };
                                };
                                incidents: {
                                    /** @description classified primary or contributory (docs/metrics.md "AI role classification") */
                                    ai_involved: number;
                                    by_cohort: {
                                        ai: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                        human: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                        unknown: {
                                            blast_services: {
                                                max: number | null;
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            count: number;
                                            restore: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttd: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                            ttrb: {
                                                median: number | null;
                                                p90: number | null;
                                            };
                                        };
                                    };
                                    sev1: number;
                                    sev2: number;
                                    /** @description true: TTD, time to rollback and restore percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 incidents). Services hit are always exact */
                                    times_exact: boolean;
                                    total: number;
                                    unattributed: number;
                                    unclassified: number;
                                };
                                period: {
                                    from: string;
                                    to: string;
                                };
                                slos: {
                                    attainment: number | null;
                                    budget_remaining: number | null;
                                    burn_rate: number | null;
                                    cohort: string;
                                    metric: string;
                                    name: string;
                                    objective: number;
                                    status: "met" | "at_risk" | "breached" | "no_data";
                                }[];
                            };
                            /** @description each cohort's CFR change, after − before */
                            cfr: {
                                ai: {
                                    /** @description after − before (rates 0–1) */
                                    difference: number | null;
                                    /** @description two-sided two-proportion z-test; null when a period has none to count */
                                    p_value: number | null;
                                    z: number | null;
                                };
                                human: {
                                    /** @description after − before (rates 0–1) */
                                    difference: number | null;
                                    /** @description two-sided two-proportion z-test; null when a period has none to count */
                                    p_value: number | null;
                                    z: number | null;
                                };
                                unknown: {
                                    /** @description after − before (rates 0–1) */
                                    difference: number | null;
                                    /** @description two-sided two-proportion z-test; null when a period has none to count */
                                    p_value: number | null;
                                    z: number | null;
                                };
                            };
                            /** @description per deployment control: violations / evaluated deployments in each part, and its change */
                            governance: {
                                [key: string]: {
                                    after: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        evaluated: number;
                                        rate: number | null;
                                        violations: number;
                                    };
                                    before: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        evaluated: number;
                                        rate: number | null;
                                        violations: number;
                                    };
                                    change: {
                                        /** @description after − before (rates 0–1) */
                                        difference: number | null;
                                        /** @description two-sided two-proportion z-test; null when a period has none to count */
                                        p_value: number | null;
                                        z: number | null;
                                    };
                                };
                            };
                            period: {
                                from: string;
                                to: string;
                            };
                            split: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Headline metrics for a period: coverage, CFR and risk ratio, incidents, DORA, SLOs, governance (docs/api.md) */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cfr: {
                                ai: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    deployments: number;
                                    failed: number;
                                    rate: number | null;
                                };
                                /** @description states a difference only when p < 0.05 */
                                headline: string;
                                human: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    deployments: number;
                                    failed: number;
                                    rate: number | null;
                                };
                                risk_ratio: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    p_value: number | null;
                                    value: number | null;
                                };
                                unknown: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    deployments: number;
                                    failed: number;
                                    rate: number | null;
                                };
                            };
                            coverage: {
                                by_evidence: {
                                    [key: string]: number;
                                };
                                /** @description the share's 95 % Wilson interval */
                                ci_high: number | null;
                                /** @description the share's 95 % Wilson interval */
                                ci_low: number | null;
                                deployments: number;
                                known: number;
                                share: number | null;
                            };
                            dora: {
                                cfr: number | null;
                                /** @description the CFR's 95 % Wilson interval */
                                cfr_ci_high: number | null;
                                /** @description the CFR's 95 % Wilson interval */
                                cfr_ci_low: number | null;
                                deploys_per_week: number;
                                /** @description true: lead time, merge-to-deploy and recovery percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 values) */
                                durations_exact: boolean;
                                lead_time: {
                                    median: number | null;
                                    p90: number | null;
                                };
                                /** @description merge-to-deploy, beside lead time, for changes whose merged_at is known */
                                merge_to_deploy: {
                                    median: number | null;
                                    p90: number | null;
                                };
                                recovery_time: {
                                    median: number | null;
                                    p90: number | null;
                                };
                                /** @description the rework rate's 95 % Wilson interval */
                                rework_ci_high: number | null;
                                /** @description the rework rate's 95 % Wilson interval */
                                rework_ci_low: number | null;
                                rework_rate: number | null;
                            };
                            governance: {
                                evaluated: number;
                                violations: {
                                    [key: string]: number;
                                };
                            };
                            incidents: {
                                /** @description classified primary or contributory (docs/metrics.md "AI role classification") */
                                ai_involved: number;
                                by_cohort: {
                                    ai: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                    human: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                    unknown: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                };
                                sev1: number;
                                sev2: number;
                                /** @description true: TTD, time to rollback and restore percentiles are exact; false: read from 2 %-wide buckets (more than 5,000 incidents). Services hit are always exact */
                                times_exact: boolean;
                                total: number;
                                unattributed: number;
                                unclassified: number;
                            };
                            period: {
                                from: string;
                                to: string;
                            };
                            slos: {
                                attainment: number | null;
                                budget_remaining: number | null;
                                burn_rate: number | null;
                                cohort: string;
                                metric: string;
                                name: string;
                                objective: number;
                                status: "met" | "at_risk" | "breached" | "no_data";
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics/trends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Weekly or monthly trends: deployments, coverage, CFR per cohort, rework, incidents per cohort with times and blast radius */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description default week */
                    grain?: "week" | "month";
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            grain: "week" | "month";
                            period: {
                                from: string;
                                to: string;
                            };
                            points: {
                                cfr: {
                                    ai: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    all: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    human: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    unknown: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                };
                                coverage: number | null;
                                /** @description days of it inside the filter period */
                                days: number;
                                deployments: number;
                                deploys_per_week: number;
                                incidents: {
                                    ai: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        impact_minutes: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        orders_lost: {
                                            max: number | null;
                                            sum: number | null;
                                        };
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                    human: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        impact_minutes: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        orders_lost: {
                                            max: number | null;
                                            sum: number | null;
                                        };
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                    total: number;
                                    unattributed: number;
                                    unknown: {
                                        blast_services: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        count: number;
                                        impact_minutes: {
                                            max: number | null;
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        orders_lost: {
                                            max: number | null;
                                            sum: number | null;
                                        };
                                        restore: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttd: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                        ttrb: {
                                            median: number | null;
                                            p90: number | null;
                                        };
                                    };
                                };
                                /** @description first day of the ISO week or month, YYYY-MM-DD */
                                period: string;
                                rework_rate: number | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/metrics/what-if": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Expected failed deployments per week if the AI share of deployments becomes `share` (docs/metrics.md "What-if") */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    /** @description target AI share, 0–1 */
                    share?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            cfr: {
                                ai: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    deployments: number;
                                    failed: number;
                                    rate: number | null;
                                };
                                human: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    deployments: number;
                                    failed: number;
                                    rate: number | null;
                                };
                            };
                            /** @description AI / (AI + human) production deployments */
                            current_share: number | null;
                            /** @description the current share's 95 % Wilson interval */
                            current_share_ci_high: number | null;
                            /** @description the current share's 95 % Wilson interval */
                            current_share_ci_low: number | null;
                            curve: {
                                ci_high: number;
                                ci_low: number;
                                /** @description true for the share deployments have today */
                                current: boolean;
                                expected_failed_per_week: number;
                                share: number;
                            }[];
                            note: string | null;
                            period: {
                                from: string;
                                to: string;
                            };
                            target: {
                                ci_high: number;
                                ci_low: number;
                                expected_failed_per_week: number;
                                share: number;
                            } | null;
                            weekly_deployments: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Records rejected by validation or the database, with the reason naming the field */
        get: {
            parameters: {
                query: {
                    batch_id?: string;
                    include_resolved?: boolean;
                    kind?: string;
                    limit: number;
                    offset: number;
                    source?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                batch_id: string | null;
                                /** Format: date-time */
                                created_at: string;
                                field: string | null;
                                id: string;
                                kind: string | null;
                                line: number | null;
                                origin: string | null;
                                /** @description the record as received (cut to 4 000 characters here; whole in the database) */
                                raw: string;
                                reason: string;
                                record_id: string | null;
                                resolved_at: string | null;
                                source: string;
                            }[];
                            total: number;
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/quarantine/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Validate open quarantined records again (after a fix to the source or a mapping) and store those that now pass
         * @description Needs role sre. Without ids or batch_id, every open record is retried. Those still invalid stay, with their current reason.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description retry the open records of one ingest run */
                        batch_id?: string;
                        /** @description quarantine ids to retry */
                        ids?: string[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            batch: {
                                batch_id: string;
                                total: {
                                    inserted: number;
                                    /** @description stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives */
                                    pending: number;
                                    quarantined: number;
                                    received: number;
                                    unchanged: number;
                                    updated: number;
                                };
                            } | null;
                            /** @description open records validated again */
                            retried: number;
                            /** @description stay in quarantine, with their current reason */
                            still_invalid: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Services ranked by risk, with their team, domain and tier, and in the period production deployments, CFR per cohort, AI share, incidents and violations */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            min_confidence: number;
                            period: {
                                from: string;
                                to: string;
                            };
                            /** @description ranked by risk, riskiest first */
                            services: {
                                ai_cfr: number | null;
                                ai_cfr_high: number | null;
                                ai_cfr_low: number | null;
                                /** @description production deployments of the ai cohort (rollbacks excluded) */
                                ai_deployments: number;
                                /** @description of those, the failed ones */
                                ai_failed: number;
                                ai_share: number | null;
                                cfr: number | null;
                                cfr_high: number | null;
                                cfr_low: number | null;
                                /** @description production deployments in the period, rollback deployments excluded (the CFR denominator) */
                                deployments: number;
                                domain: string | null;
                                /** @description of those, rolled back or linked at ≥ min_confidence to a Sev1/Sev2 incident */
                                failed: number;
                                high_risk: boolean;
                                human_cfr: number | null;
                                human_cfr_high: number | null;
                                human_cfr_low: number | null;
                                /** @description production deployments of the human cohort (rollbacks excluded) */
                                human_deployments: number;
                                /** @description of those, the failed ones */
                                human_failed: number;
                                /** @description the source's service id */
                                id: string;
                                name: string;
                                /** @description 1 = riskiest: Sev1 incidents, then Sev2 incidents, then the CFR interval's low end, then violations, all descending (docs/metrics.md "Services") */
                                risk_rank: number;
                                /** @description Sev1 incidents of the period (by impact start) that affected the service */
                                sev1_incidents: number;
                                /** @description Sev2 incidents of the period that affected the service */
                                sev2_incidents: number;
                                team: string | null;
                                tier: number | null;
                                unknown_cfr: number | null;
                                unknown_cfr_high: number | null;
                                unknown_cfr_low: number | null;
                                /** @description production deployments of the unknown cohort (rollbacks excluded) */
                                unknown_deployments: number;
                                /** @description of those, the failed ones */
                                unknown_failed: number;
                                /** @description production deployments of the period with at least one governance finding (only Tier-1 and high-risk services are evaluated) */
                                violations: number;
                            }[];
                        };
                        "application/vnd.apache.arrow.stream": string;
                        "text/csv": string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                406: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/services/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One service: its name, team, domain, tier and whether it is high-risk */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description the source's service id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            service: {
                                domain: string | null;
                                high_risk: boolean;
                                id: string;
                                name: string;
                                source: string;
                                team: string | null;
                                tier: number | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/slos": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every SLO policy with its evaluation over the rolling window ending at `to` (docs/metrics.md "AI-safety SLOs") */
        get: {
            parameters: {
                query?: {
                    /** @description burning incidents listed per SLO, worst first; default 100 */
                    burning_limit?: number;
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            slos: {
                                attainment: number | null;
                                attainment_ci_high: number | null;
                                attainment_ci_low: number | null;
                                budget_remaining: number | null;
                                burn_rate: number | null;
                                /** @description the incidents that burned the budget, worst first, at most burning_limit of them (total − good counts them all) */
                                burning: {
                                    id: string;
                                    /** Format: date-time */
                                    impact_started_at: string;
                                    severity: string;
                                    title: string;
                                    value: number;
                                }[];
                                ci_high: number | null;
                                ci_low: number | null;
                                good: number;
                                /** @description incidents whose value is unknown (not judged) */
                                missing: number;
                                policy: {
                                    /** @enum {unknown} */
                                    cohort: "ai" | "human" | "all";
                                    /** Format: date-time */
                                    created_at: string;
                                    enabled: boolean;
                                    id: string;
                                    /** @enum {unknown} */
                                    metric: "ttd" | "ttrb" | "restore" | "blast_services" | "traffic_share" | "impact_minutes" | "cfr";
                                    name: string;
                                    objective: number;
                                    severities: ("sev1" | "sev2" | "sev3" | "sev4")[];
                                    /** @description minutes for times, services for blast_services, 0–1 for traffic_share and cfr */
                                    threshold: number;
                                    /** Format: date-time */
                                    updated_at: string;
                                    window_days: number;
                                };
                                rate: number | null;
                                /** @enum {unknown} */
                                status: "met" | "at_risk" | "breached" | "no_data";
                                total: number;
                                window: {
                                    from: string;
                                    to: string;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create an SLO policy (role admin; audited) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        cohort: "ai" | "human" | "all";
                        enabled?: boolean;
                        /** @enum {unknown} */
                        metric: "ttd" | "ttrb" | "restore" | "blast_services" | "traffic_share" | "impact_minutes" | "cfr";
                        name: string;
                        objective: number;
                        severities?: ("sev1" | "sev2" | "sev3" | "sev4")[];
                        /** @description minutes for times, services for blast_services, 0–1 for traffic_share and cfr */
                        threshold: number;
                        window_days?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            cohort: "ai" | "human" | "all";
                            /** Format: date-time */
                            created_at: string;
                            enabled: boolean;
                            id: string;
                            /** @enum {unknown} */
                            metric: "ttd" | "ttrb" | "restore" | "blast_services" | "traffic_share" | "impact_minutes" | "cfr";
                            name: string;
                            objective: number;
                            severities: ("sev1" | "sev2" | "sev3" | "sev4")[];
                            /** @description minutes for times, services for blast_services, 0–1 for traffic_share and cfr */
                            threshold: number;
                            /** Format: date-time */
                            updated_at: string;
                            window_days: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/slos/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Delete an SLO policy (role admin; audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change an SLO policy (role admin; audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {unknown} */
                        cohort?: "ai" | "human" | "all";
                        enabled?: boolean;
                        /** @enum {unknown} */
                        metric?: "ttd" | "ttrb" | "restore" | "blast_services" | "traffic_share" | "impact_minutes" | "cfr";
                        name?: string;
                        objective?: number;
                        severities?: ("sev1" | "sev2" | "sev3" | "sev4")[];
                        /** @description minutes for times, services for blast_services, 0–1 for traffic_share and cfr */
                        threshold?: number;
                        window_days?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {unknown} */
                            cohort: "ai" | "human" | "all";
                            /** Format: date-time */
                            created_at: string;
                            enabled: boolean;
                            id: string;
                            /** @enum {unknown} */
                            metric: "ttd" | "ttrb" | "restore" | "blast_services" | "traffic_share" | "impact_minutes" | "cfr";
                            name: string;
                            objective: number;
                            severities: ("sev1" | "sev2" | "sev3" | "sev4")[];
                            /** @description minutes for times, services for blast_services, 0–1 for traffic_share and cfr */
                            threshold: number;
                            /** Format: date-time */
                            updated_at: string;
                            window_days: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/slos/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Each policy evaluated over its rolling window ending at every Monday of the period and at `to` (docs/metrics.md "AI-safety SLOs") */
        get: {
            parameters: {
                query?: {
                    domain?: string;
                    /** @description one of the production environments */
                    environment?: string;
                    /** @description RFC 3339 date or time, inclusive; default: 12 months before `to` */
                    from?: string;
                    /** @description links below this are ignored; default 0.5 */
                    min_confidence?: string;
                    /** @description one policy id; default every policy */
                    policy?: string;
                    service?: string;
                    /** @description incident severities counted, comma-separated; default sev1,sev2 */
                    severity?: string;
                    team?: string;
                    /** @description 1, 2 or 3 */
                    tier?: string;
                    /** @description RFC 3339 date or time, exclusive; default: the day after the latest deployment */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            period: {
                                from: string;
                                to: string;
                            };
                            points: {
                                /**
                                 * Format: date-time
                                 * @description the end of the window (exclusive): a Monday at midnight UTC, or the period's `to`
                                 */
                                at: string;
                                attainment: number | null;
                                attainment_ci_high: number | null;
                                attainment_ci_low: number | null;
                                budget_remaining: number | null;
                                ci_high: number | null;
                                ci_low: number | null;
                                good: number;
                                /** @description the policy id */
                                policy: string;
                                rate: number | null;
                                /** @enum {unknown} */
                                status: "met" | "at_risk" | "breached" | "no_data";
                                total: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/weekly-review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The weekly operations review of one ISO week: follow-ups, incidents, SLO burn, controls by team, backlog, headline, agent actions */
        get: {
            parameters: {
                query?: {
                    /** @description ISO week (2026-W47); default the last complete week */
                    week?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            agent_actions: {
                                approved: number;
                                /** @description destructive agent actions the agent_destructive_approval control judged this week */
                                destructive: number;
                                unapproved: number;
                                unapproved_actions: {
                                    agent: string | null;
                                    agent_action: string | null;
                                    /** @description the approvers as recorded (empty for single_operator_config and agent_destructive_approval) */
                                    approvers: string[];
                                    /**
                                     * Format: date-time
                                     * @description the deployment's effective time (finished, else started), or the agent action's time
                                     */
                                    at: string;
                                    /** @description the change's author; for single_operator_config every author of the deployment's changes */
                                    authors: string[];
                                    change: string | null;
                                    /** @enum {unknown} */
                                    control: "two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval";
                                    deployment: string | null;
                                    service: string | null;
                                }[];
                            };
                            /** @description the oldest 10 unclassified Sev1/Sev2 incidents of the twelve months up to the week’s end, older than 48 hours, oldest first */
                            backlog: {
                                age_hours: number;
                                cohort: string;
                                id: string;
                                /** Format: date-time */
                                impact_started_at: string;
                                severity: string;
                                suggested_role: "contributory" | "none";
                                title: string;
                            }[];
                            /** @description every incident of that backlog, listed or not */
                            backlog_total: number;
                            /** @description false while the week is still going on */
                            complete: boolean;
                            /** @description per team, the governance summary of its services this week; most violations first */
                            controls_by_team: {
                                /** @description production deployments to the team's Tier-1 or high-risk services this week */
                                evaluated: number;
                                team: string;
                                /** @description deployments (agent actions for agent_destructive_approval) with at least one violation, per control */
                                violations: {
                                    agent_destructive_approval: number;
                                    automated_checks: number;
                                    change_documentation: number;
                                    senior_signoff: number;
                                    single_operator_config: number;
                                    two_person_review: number;
                                };
                            }[];
                            /** @description open follow-ups due on or before the week’s Sunday, earliest due first */
                            follow_ups: {
                                /** Format: date-time */
                                created_at: string;
                                created_by: string;
                                due_date: string | null;
                                id: string;
                                incident: {
                                    /** @description the incident's id in its source */
                                    id: string;
                                    source: string;
                                    title: string;
                                };
                                /** @description due before the week began */
                                overdue: boolean;
                                owner: string | null;
                                /** @enum {unknown} */
                                status: "open" | "done" | "cancelled";
                                title: string;
                                /** Format: date-time */
                                updated_at: string;
                                updated_by: string;
                            }[];
                            /** @description the four weeks before and this week, oldest first */
                            headline: {
                                /** @description AI-assisted / (AI-assisted + human) production deployments, with its Wilson interval */
                                ai_share: {
                                    ci_high: number | null;
                                    ci_low: number | null;
                                    /** @description AI-assisted and human deployments */
                                    n: number;
                                    rate: number | null;
                                };
                                cfr: {
                                    ai: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    human: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                    unknown: {
                                        ci_high: number | null;
                                        ci_low: number | null;
                                        deployments: number;
                                        failed: number;
                                        rate: number | null;
                                    };
                                };
                                /** @description days of the week that have passed */
                                days: number;
                                deployments: number;
                                from: string;
                                incidents: {
                                    sev1: number;
                                    sev2: number;
                                    total: number;
                                };
                                /** @description over every incident of the week, exact (percentile_cont over the raw values) */
                                ttd: {
                                    median: number | null;
                                    /** @description incidents whose value is known */
                                    n: number;
                                };
                                /** @description over every incident of the week, exact (percentile_cont over the raw values) */
                                ttrb: {
                                    median: number | null;
                                    /** @description incidents whose value is known */
                                    n: number;
                                };
                                week: string;
                            }[];
                            /** @description Sev1/Sev2 incidents whose impact began in the week, Sev1 first, then by impact start: at most 200, Sev1s kept first (incidents_total counts them all) */
                            incidents: {
                                ai_role: string | null;
                                blast_services: number;
                                cohort: "ai" | "human" | "unknown" | "unattributed";
                                /** @description controls a linked deployment violated */
                                controls_skipped: ("two_person_review" | "change_documentation" | "automated_checks" | "senior_signoff" | "single_operator_config" | "agent_destructive_approval")[];
                                errors: number | null;
                                id: string;
                                impact_minutes: number | null;
                                /** Format: date-time */
                                impact_started_at: string;
                                /** @description links at or above min_confidence, strongest first */
                                links: {
                                    cohort: string;
                                    confidence: number;
                                    deployment: string;
                                    rule: string;
                                    service: string;
                                }[];
                                orders_lost: number | null;
                                regions: number;
                                resolve: number | null;
                                restore: number | null;
                                services: string[];
                                severity: string;
                                source: string;
                                status: string | null;
                                suggested_role: "contributory" | "none";
                                title: string;
                                traffic_share: number | null;
                                ttd: number | null;
                                ttrb: number | null;
                                users_affected: number | null;
                            }[];
                            /** @description every Sev1/Sev2 incident of the week, listed or not */
                            incidents_total: number;
                            min_confidence: number;
                            next_week: string | null;
                            period: {
                                from: string;
                                to: string;
                            };
                            previous_week: string;
                            /** @description enabled SLOs over their window ending at the week’s end; those that burned budget this week first */
                            slos: {
                                attainment: number | null;
                                budget_remaining: number | null;
                                burn_rate: number | null;
                                burned_this_week: number | null;
                                /** @description those incidents, worst first: at most 200 (burned_this_week counts them all) */
                                burning_this_week: {
                                    id: string;
                                    /** Format: date-time */
                                    impact_started_at: string;
                                    severity: string;
                                    title: string;
                                    value: number;
                                }[];
                                ci_high: number | null;
                                cohort: string;
                                good: number;
                                metric: string;
                                missing: number;
                                name: string;
                                objective: number;
                                rate: number | null;
                                /** @enum {unknown} */
                                status: "met" | "at_risk" | "breached" | "no_data";
                                threshold: number;
                                total: number;
                                window: {
                                    from: string;
                                    to: string;
                                };
                                window_days: number;
                            }[];
                            /** @description ISO week, YYYY-Www */
                            week: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                code: string;
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
