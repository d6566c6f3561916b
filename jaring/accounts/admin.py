from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from jaring.accounts.models import AuditEvent, Opd, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (*(DjangoUserAdmin.fieldsets or ()), ("Jaring", {"fields": ("region", "opd")}))
    list_display = ("username", "first_name", "last_name", "region", "opd", "is_active")
    raw_id_fields = ("region",)


@admin.register(Opd)
class OpdAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "region")
    raw_id_fields = ("region",)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_label", "action", "object_type", "object_id", "region")
    list_filter = ("action",)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
