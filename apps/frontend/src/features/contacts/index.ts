export { ContactsPage } from './components/contacts-page';
export { useContacts } from './api/get-contacts';
