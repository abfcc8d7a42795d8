-- Fixture roles (permissions.md §3). ROLE_USER is the default role of every
-- new user and holds no Web API permission: API access comes from a
-- dedicated role. No user is created here, in any environment.

INSERT INTO pim_role (code, label) VALUES ('ROLE_ADMINISTRATOR', 'Administrator');
INSERT INTO pim_role (code, label) VALUES ('ROLE_CATALOG_MANAGER', 'Catalog manager');
INSERT INTO pim_role (code, label) VALUES ('ROLE_USER', 'User');

INSERT INTO pim_role_permission (role_id, permission)
SELECT r.id, p.permission FROM pim_role r CROSS JOIN (
    SELECT 'pim_api_overall_access' AS permission
    UNION ALL SELECT 'pim_api_attribute_list' AS permission
    UNION ALL SELECT 'pim_api_attribute_edit' AS permission
    UNION ALL SELECT 'pim_api_attribute_option_list' AS permission
    UNION ALL SELECT 'pim_api_attribute_option_edit' AS permission
    UNION ALL SELECT 'pim_api_attribute_group_list' AS permission
    UNION ALL SELECT 'pim_api_attribute_group_edit' AS permission
    UNION ALL SELECT 'pim_api_category_list' AS permission
    UNION ALL SELECT 'pim_api_category_edit' AS permission
    UNION ALL SELECT 'pim_api_channel_list' AS permission
    UNION ALL SELECT 'pim_api_channel_edit' AS permission
    UNION ALL SELECT 'pim_api_locale_list' AS permission
    UNION ALL SELECT 'pim_api_family_list' AS permission
    UNION ALL SELECT 'pim_api_family_edit' AS permission
    UNION ALL SELECT 'pim_api_family_variant_list' AS permission
    UNION ALL SELECT 'pim_api_family_variant_edit' AS permission
    UNION ALL SELECT 'pim_api_currency_list' AS permission
    UNION ALL SELECT 'pim_api_association_type_list' AS permission
    UNION ALL SELECT 'pim_api_association_type_edit' AS permission
) p WHERE r.code IN ('ROLE_ADMINISTRATOR', 'ROLE_CATALOG_MANAGER');
